import { Instant } from './record-fields.schema';

/**
 * The time value of a Date, read through Date's own method: also of a Date from another realm
 * (a `vm` context, an iframe), where `instanceof Date` is false; never what a Date's own
 * `getTime` or `toISOString` says instead; undefined for anything that is not a Date, a proxy
 * around one included. (`calendar/` keeps a copy of its own: it imports nothing of the rest.)
 * @internal
 */
export function dateTimeValue(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  try {
    return Date.prototype.getTime.call(value as Date);
  } catch {
    return undefined;
  }
}

/**
 * Like {@link dateTimeValue}, but a value that throws when merely looked at (a revoked proxy, a
 * throwing trap) throws, for the caller to name as one that could not be read. @internal
 */
export function readDateTimeValue(value: unknown): number | undefined {
  if (typeof value === 'object' && value !== null) Object.getPrototypeOf(value);
  return dateTimeValue(value);
}

/**
 * A time value as the instant text records hold (`2026-11-23T08:00:00.000Z`), or undefined for
 * NaN and for a time outside the years 0000–9999, which records cannot hold (`+010000-…`).
 * @internal
 */
export function instantTextOf(ms: number): string | undefined {
  if (!Number.isFinite(ms)) return undefined;
  const text = new Date(ms).toISOString();
  return Instant.safeParse(text).success ? text : undefined;
}
