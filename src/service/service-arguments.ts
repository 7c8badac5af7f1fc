import { z } from 'zod';
import { CALENDAR_HORIZON, HORIZON_END_MS, HORIZON_START_MS } from '../calendar/horizon';
import { dateTimeValue, instantTextOf, readDateTimeValue } from '../core/date-time-value';
import { parseWith } from '../core/from-zod';
import { isItsmError, type ItsmError } from '../core/itsm-error';
import { Instant } from '../core/record-fields.schema';
import type { SafeResult } from '../core/safe-result';
import { issue, ValidationError, type ValidationIssue } from '../core/validation-error';
import { storableJsonIssues } from '../store/storable-json';
import { optionsSnapshot, readArgument } from '../core/unreadable-argument';

/** An idempotency key: what a store can keep, so a bad key is named as the key. */
const IdempotencyKey = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(128)
  .refine((key) => storableJsonIssues(key).length === 0, { error: 'must be well-formed Unicode without NUL characters' });

/** Options of an `open` command. */
export const OpenCommandOptions = z.strictObject({
  /** A key the caller chose for this creation: a retry with the same key returns the first result. */
  idempotencyKey: IdempotencyKey.optional(),
});
/** Options of an `open` command. */
export type OpenCommandOptions = z.infer<typeof OpenCommandOptions>;

/** Options of an `apply` command. */
export const ApplyCommandOptions = z.strictObject({
  /** The version the caller saw; the command is refused as a conflict when the stored one differs. */
  expectedVersion: z.int().min(1).optional(),
  /** Why, for the audit trail. */
  reason: z.string().min(1, { error: 'must not be empty' }).max(2000).optional(),
  /**
   * A key the caller chose for this change: a retry with the same key, record, event and options
   * returns the record as the first call wrote it, and writes nothing. Keys share one space
   * with `open`'s, per kind; a key used with other input is a conflict.
   */
  idempotencyKey: IdempotencyKey.optional(),
});
/** Options of an `apply` command. */
export type ApplyCommandOptions = z.infer<typeof ApplyCommandOptions>;

/** An instant argument: a valid Date or an instant string. @internal */
export const InstantArgument = z.union(
  [
    // A Date of any realm (a `vm` context, an iframe), read through Date itself, as the clock
    // is. A value that throws when looked at (a revoked proxy) throws here, and is named as one
    // that could not be read.
    z.custom<Date>((value) => Number.isFinite(readDateTimeValue(value) ?? Number.NaN)),
    Instant,
  ],
  { error: 'must be a valid Date or an instant in UTC with milliseconds, such as 2026-11-23T08:00:00.000Z' },
);

/**
 * Validates a command's arguments together, each under its own name, and throws one
 * `ValidationError` listing every problem.
 * @internal
 */
export function checkArguments(checks: readonly (readonly [name: string, schema: z.ZodType, value: unknown])[]): void {
  const issues: ValidationIssue[] = [];
  for (const [name, schema, value] of checks) {
    const parsed = parseWith(schema, value, 'argument');
    if (!parsed.success) issues.push(...parsed.error.issues.map((found) => ({ ...found, path: [name, ...found.path] })));
  }
  if (issues.length > 0) throw new ValidationError(issues, 'argument');
}

/**
 * JSON with object keys sorted, so that two equal inputs give the same text whatever their key
 * order: the fingerprint an idempotency key is checked against. Only for validated JSON data.
 * @internal
 */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => stableJson(item)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, child]) => child !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, child]) => `${JSON.stringify(key)}:${stableJson(child)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Runs a command and returns its error instead of throwing it, for the `safeX` variants. An
 * error that is not the library's (the host's own authorize hook failing, a lost connection)
 * is not a result: it is thrown, as by the other safe functions.
 * @internal
 */
export async function safely<T>(run: () => Promise<T>): Promise<SafeResult<T, ItsmError>> {
  try {
    return { success: true, data: await run() };
  } catch (error) {
    if (isItsmError(error)) return { success: false, error };
    throw error;
  }
}

/** The host's clock, read once per command and checked. @internal */
export function readClock(clock: () => Date): Instant {
  const ms = dateTimeValue(clock()) ?? Number.NaN;
  // Within the calendars' horizon, as every SLA figure is: a clock outside it is misset, and
  // named here rather than as a record's instant the SLA engine then refuses.
  const text = ms >= HORIZON_START_MS && ms <= HORIZON_END_MS ? instantTextOf(ms) : undefined;
  if (text === undefined) throw new ValidationError([issue(['clock'], `must return a valid Date between ${CALENDAR_HORIZON.start} and ${CALENDAR_HORIZON.end}`)], 'options');
  return text;
}

/**
 * A checked `now` argument of the SLA scan, repair or a record's `sla` as an instant, or the
 * host's clock when it was not given: within the calendars' horizon, as every SLA figure is
 * (the clock is, by {@link readClock}). Checked before any record is read, so an instant out
 * of range is refused whether or not something is due. @internal
 */
export function slaInstantOrClock(now: Date | Instant | undefined, clock: () => Date): Instant {
  if (now === undefined) return readClock(clock);
  // The instant the check saw: a Date's own toISOString could answer another.
  const at = typeof now === 'string' ? now : instantTextOf(dateTimeValue(now) ?? Number.NaN);
  if (at === undefined) throw new ValidationError([issue(['now'], 'must be a valid Date of the years 0000 to 9999, or an instant')], 'argument');
  const ms = Date.parse(at);
  if (ms >= HORIZON_START_MS && ms <= HORIZON_END_MS) return at;
  throw new ValidationError([issue(['now'], `must be between ${CALENDAR_HORIZON.start} and ${CALENDAR_HORIZON.end}`, at)], 'argument');
}

/**
 * A command's options read once, into a plain copy the check and the command both use: a
 * getter cannot show the check one value and the command another. Anything but an object (a
 * list too) is left as it is, for the check to refuse. @internal
 */
export function optionsArgument<T>(given: T): T {
  if (typeof given !== 'object' || given === null || readArgument(['options'], () => Array.isArray(given))) return given;
  return optionsSnapshot(given, ['options']);
}

/** The host's id source, checked at every call. @internal */
export function idSource(ids: () => string): () => string {
  return () => {
    const id: unknown = ids();
    if (typeof id !== 'string' || id.length === 0 || id.length > 128) throw new ValidationError([issue(['ids'], 'must return a non-empty string of at most 128 characters', id)], 'options');
    // What a store could not keep (a NUL, an unpaired surrogate) is the hook's fault, named so.
    if (storableJsonIssues(id).length > 0) throw new ValidationError([issue(['ids'], 'must return well-formed Unicode without NUL characters', id)], 'options');
    return id;
  };
}
