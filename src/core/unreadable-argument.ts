import { listEntries } from './list-entries';
import { isItsmError } from './itsm-error';
import { issue, ValidationError, type IssuePath, type ValidationIssue } from './validation-error';

// A caller's object can throw when it is merely read: a revoked proxy throws even from
// `Array.isArray`, and a getter or a proxy's trap can throw anything. That is bad input like
// any other, to be named where the caller gave it, not a TypeError from deep inside.

/** A caller's value that threw when read is bad input at `path`. @internal */
export function unreadableArgument(path: IssuePath, cause: unknown): never {
  throw new ValidationError([unreadableIssue(path, cause)], 'argument');
}

/** The issue of a value at `path` that threw `cause` when read. @internal */
export function unreadableIssue(path: IssuePath, cause: unknown): ValidationIssue {
  return issue(path, `could not be read: ${causeText(cause)}`);
}

/**
 * What was thrown, in words. A caller's getter can throw anything — a revoked proxy, an object
 * with no prototype, an error whose `message` throws — and describing it must not throw again.
 */
function causeText(cause: unknown): string {
  try {
    return cause instanceof Error ? String(cause.message) : String(cause);
  } catch {
    return 'a value that cannot be shown';
  }
}

/**
 * Runs `read`, which reads the caller's objects: whatever it throws that is not one of the
 * library's errors is {@link unreadableArgument} at `path`; the library's own pass unchanged.
 * @internal
 */
export function readArgument<T>(path: IssuePath, read: () => T): T {
  try {
    return read();
  } catch (cause) {
    if (isItsmError(cause)) throw cause;
    return unreadableArgument(path, cause);
  }
}

/**
 * A plain copy of an options object, read once: its enumerable fields, inherited ones too (an
 * options object made with `Object.create(defaults)` keeps its defaults), and `also`, read as
 * a plain read would (a getter on a class's prototype too). What reading them throws (a
 * revoked proxy, a getter) is bad input at `path`, and later checks cannot see other values
 * than the ones read here. @internal
 */
export function optionsSnapshot<T extends object>(options: T, path: IssuePath, also: readonly string[] = []): T {
  return readArgument(path, () => {
    const copy: Record<string, unknown> = {};
    // Inherited fields are options too: a for-in, not Object.keys.
    for (const key in options) copy[key] = options[key];
    for (const key of also) if (!(key in copy) && key in options) copy[key] = (options as Record<string, unknown>)[key];
    return copy as T;
  });
}

/**
 * A list argument copied by index, a hole as undefined (which `map` and its kin would pass
 * over), or undefined when it is no list; what reading it throws is bad input at `path`.
 * @internal
 */
export function listArgument(value: unknown, path: IssuePath): unknown[] | undefined {
  return readArgument(path, () => (Array.isArray(value) ? listEntries(value as unknown[]) : undefined));
}

/** `Array.isArray`, which throws for a revoked proxy: then bad input at `path`. @internal */
export function isArrayArgument(value: unknown, path: IssuePath): value is readonly unknown[] {
  try {
    return Array.isArray(value);
  } catch (cause) {
    return unreadableArgument(path, cause);
  }
}

/** How far {@link unreadablePart} looks: so many objects, so many levels down. */
const MOST_OBJECTS_SEARCHED = 100_000;
const DEEPEST_SEARCHED = 64;

/**
 * Where in `value` a read throws: the first revoked proxy (which throws even when asked whether
 * it is an array) or own enumerable field whose getter throws, depth first, within 64 levels,
 * with what it threw; undefined when none is found (a getter that threw once and not again, one
 * on a prototype, one deeper down). For naming the part of an input a schema could not read.
 * Iterative, so no input is deep enough to overflow the stack here. @internal
 */
export function unreadablePart(value: unknown): { readonly path: IssuePath; readonly cause: unknown } | undefined {
  const seen = new Set<object>();
  // Depth first, in key order: each entry is a value and the path to it.
  const pending: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (pending.length > 0 && seen.size < MOST_OBJECTS_SEARCHED) {
    const { value: current, path } = pending.pop()!;
    if (typeof current !== 'object' || current === null || seen.has(current) || path.length > DEEPEST_SEARCHED) continue;
    seen.add(current);
    let keys: string[];
    let isList: boolean;
    try {
      isList = Array.isArray(current);
      keys = Object.keys(current);
    } catch (cause) {
      return { path, cause };
    }
    const children: { value: unknown; path: (string | number)[] }[] = [];
    for (const key of keys) {
      const step = isList && /^(?:0|[1-9]\d*)$/.test(key) ? Number(key) : key;
      try {
        children.push({ value: (current as Record<string, unknown>)[key], path: [...path, step] });
      } catch (cause) {
        return { path: [...path, step], cause };
      }
    }
    // Pushed last first, so the first key is searched first.
    for (let index = children.length - 1; index >= 0; index--) pending.push(children[index]!);
  }
  return undefined;
}
