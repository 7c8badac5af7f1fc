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
