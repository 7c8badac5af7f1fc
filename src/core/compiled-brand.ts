/**
 * The compiled form a `defineX` function attaches to the value it returns, under a
 * `Symbol.for` key so that a second copy of the library (ESM beside CommonJS) still finds it.
 * @internal
 */
export function attachCompiled<T extends object>(target: T, key: symbol, compiled: unknown): T {
  Object.defineProperty(target, key, { value: compiled });
  return target;
}

/**
 * The compiled form attached under `key`, or undefined for anything else — including a value
 * that throws when read (a revoked proxy), which is not one of ours either.
 * @internal
 */
export function readCompiled<T>(value: unknown, key: symbol): T | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  try {
    return (value as Record<symbol, T | undefined>)[key];
  } catch {
    return undefined;
  }
}
