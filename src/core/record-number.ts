import { z } from 'zod';
import { parseWith } from './from-zod';
import { issue, ValidationError } from './validation-error';

/**
 * How a kind of record is numbered for people: a prefix and a zero-padded sequence, as in
 * `INC0001001`. The sequence itself comes from the store's numbering port, per tenant and kind.
 */
export const RecordNumberFormat = z.strictObject({
  prefix: z.string().regex(/^[A-Z][A-Z0-9]{0,7}$/, { error: 'must be 1 to 8 capital letters or digits, starting with a letter' }),
  digits: z.int().min(3).max(12),
});
/** How a kind of record is numbered for people. */
export type RecordNumberFormat = z.infer<typeof RecordNumberFormat>;

/** The usual prefixes, after ServiceNow's, 7 digits each; a host may choose its own. */
export const DEFAULT_RECORD_NUMBER_FORMATS: Readonly<Record<'incident' | 'problem' | 'knownError' | 'change' | 'request' | 'requestItem' | 'task' | 'asset' | 'softwareLicence' | 'configurationItem', RecordNumberFormat>> =
  Object.freeze({
    incident: Object.freeze({ prefix: 'INC', digits: 7 }),
    problem: Object.freeze({ prefix: 'PRB', digits: 7 }),
    knownError: Object.freeze({ prefix: 'KE', digits: 7 }),
    change: Object.freeze({ prefix: 'CHG', digits: 7 }),
    request: Object.freeze({ prefix: 'REQ', digits: 7 }),
    requestItem: Object.freeze({ prefix: 'RITM', digits: 7 }),
    task: Object.freeze({ prefix: 'TASK', digits: 7 }),
    asset: Object.freeze({ prefix: 'AST', digits: 7 }),
    softwareLicence: Object.freeze({ prefix: 'LIC', digits: 7 }),
    configurationItem: Object.freeze({ prefix: 'CI', digits: 7 }),
  });

/**
 * The human number of the `sequence`-th record of a kind: `INC0001001`. A sequence longer than
 * `digits` is written in full rather than cut, so numbers stay unique.
 *
 * @param format - prefix and digits
 * @param sequence - a positive whole number, as issued by the numbering port
 * @returns the number, e.g. `INC0001001`
 * @throws {@link ValidationError} for a bad format or sequence
 *
 * @example
 * ```ts
 * formatRecordNumber({ prefix: 'INC', digits: 7 }, 1001); // => 'INC0001001'
 * ```
 */
export function formatRecordNumber(format: RecordNumberFormat, sequence: number): string {
  const parsed = parseWith(RecordNumberFormat, format, 'record number format');
  if (!parsed.success) throw parsed.error;
  if (!Number.isSafeInteger(sequence) || sequence < 1) {
    throw new ValidationError([issue(['sequence'], 'must be a positive whole number', sequence)], 'argument');
  }
  return `${parsed.data.prefix}${String(sequence).padStart(parsed.data.digits, '0')}`;
}

/**
 * The sequence of a human number in a given format, or undefined when the text is not a number
 * in that format: the inverse of {@link formatRecordNumber}, for search boxes and links.
 *
 * @param format - prefix and digits
 * @param text - what a person typed, e.g. `INC0001001`
 * @returns the sequence, e.g. 1001, or undefined
 *
 * @example
 * ```ts
 * parseRecordNumber({ prefix: 'INC', digits: 7 }, 'INC0001001'); // => 1001
 * parseRecordNumber({ prefix: 'INC', digits: 7 }, 'CHG0001001'); // => undefined
 * ```
 */
export function parseRecordNumber(format: RecordNumberFormat, text: string): number | undefined {
  const parsed = parseWith(RecordNumberFormat, format, 'record number format');
  if (!parsed.success) throw parsed.error;
  if (typeof text !== 'string' || !text.startsWith(parsed.data.prefix)) return undefined;
  const digits = text.slice(parsed.data.prefix.length);
  if (digits.length < parsed.data.digits || !/^\d+$/.test(digits)) return undefined;
  const sequence = Number(digits);
  // Only the canonical spelling parses: no extra leading zeros beyond the padding.
  return Number.isSafeInteger(sequence) && sequence >= 1 && String(sequence).padStart(parsed.data.digits, '0') === digits ? sequence : undefined;
}
