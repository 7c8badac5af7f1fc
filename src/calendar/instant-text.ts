import { civilFromDays, DAY_MS, daysFromCivil } from './civil-date';

// Instants as records hold them, `YYYY-MM-DDTHH:mm:ss.sssZ`, read and written with integer
// arithmetic. The SLA engine reads one per version and writes dozens per evaluation; through
// `Date.parse` and `toISOString` that was a third of its time. The text is exactly what
// `Date.prototype.toISOString` writes for years 0000–9999, and the parser accepts exactly what
// the `Instant` schema accepts (a real date, hours 00–23, minutes and seconds 00–59).

/** The value of the two digits at `at`, or NaN when either is no digit. */
function twoAt(text: string, at: number): number {
  const tens = text.charCodeAt(at) - 48;
  const ones = text.charCodeAt(at + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : Number.NaN;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Epoch milliseconds of `YYYY-MM-DDTHH:mm:ss.sssZ`, or NaN for any other text (another
 * precision, an offset, a date that does not exist, 24:00). @internal
 */
export function parseInstantText(text: string): number {
  // '-' '-' 'T' ':' ':' '.' 'Z' at their places, as char codes.
  if (text.length !== 24 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84) return Number.NaN;
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58 || text.charCodeAt(19) !== 46 || text.charCodeAt(23) !== 90) return Number.NaN;
  const year = twoAt(text, 0) * 100 + twoAt(text, 2);
  const month = twoAt(text, 5);
  const day = twoAt(text, 8);
  const hour = twoAt(text, 11);
  const minute = twoAt(text, 14);
  const second = twoAt(text, 17);
  const last = text.charCodeAt(22) - 48;
  const milli = twoAt(text, 20) * 10 + (last >= 0 && last <= 9 ? last : Number.NaN);
  // NaN fails every comparison, so a field with a non-digit is refused here too.
  if (!(year >= 0 && milli >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59)) return Number.NaN;
  return daysFromCivil(year, month, day) * DAY_MS + hour * 3_600_000 + minute * 60_000 + second * 1000 + milli;
}

/** The character codes of the date part of the last day written, `YYYY-MM-DDT`: the instants of one record fall on few days. */
let cachedDay = Number.NaN;
const cachedDate: number[] = [];

/**
 * The texts written last, by instant, in a small table indexed by a hash of the instant. An
 * evaluation writes each version's instant once per target and `now` once per open clock and
 * threshold, so most instants it writes it has written already; strings are immutable, so a
 * text can be handed out any number of times.
 */
const WRITTEN_SIZE = 256;
const writtenMs = new Float64Array(WRITTEN_SIZE).fill(Number.NaN);
const writtenText = new Array<string>(WRITTEN_SIZE).fill('');

/**
 * The slot of an instant: the top 8 bits of its low 32 bits times an odd constant (Fibonacci
 * hashing), in integer arithmetic throughout. Instants are mostly whole seconds or minutes, so
 * their low bits alone would crowd a few slots. Two instants may share a slot; the table then
 * keeps the later, and the instant stored beside each text tells which it is.
 */
const slotOf = (ms: number): number => Math.imul(ms >>> 0, 0x9e3779b1) >>> 24;

/**
 * `new Date(ms).toISOString()` for an instant in years 1000–9999 (the calendar's horizon is
 * 1900–2200), with integer arithmetic. @internal
 */
export function formatInstantText(ms: number): string {
  const slot = slotOf(ms);
  if (writtenMs[slot] === ms) return writtenText[slot]!;
  const text = instantText(ms);
  writtenMs[slot] = ms;
  writtenText[slot] = text;
  return text;
}

/**
 * Remembers `text` as the text of `ms`, so that writing `ms` later costs a lookup: the SLA
 * engine reads each version's instant from its text, and writes most of them back. `text` must
 * be what {@link formatInstantText} writes for `ms`, as any text {@link parseInstantText} reads
 * within the calendar's horizon is. @internal
 */
export function rememberInstantText(ms: number, text: string): void {
  const slot = slotOf(ms);
  writtenMs[slot] = ms;
  writtenText[slot] = text;
}

/**
 * The text of an instant, built from its character codes in one call: a flat string of 24
 * one-byte characters, where a template literal would build a tree of pieces that V8 copies
 * into one string again the first time the text is read, compared or serialised. The time of
 * day is taken apart in 32-bit integers (`| 0`): the remainder of a double is a call into C.
 */
function instantText(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  if (days !== cachedDay) {
    const { year, month, day } = civilFromDays(days);
    const d = cachedDate;
    d[0] = ZERO + ((year / 1000) | 0);
    d[1] = ZERO + (((year / 100) | 0) % 10);
    d[2] = ZERO + (((year / 10) | 0) % 10);
    d[3] = ZERO + (year % 10);
    d[4] = HYPHEN;
    d[5] = ZERO + ((month / 10) | 0);
    d[6] = ZERO + (month % 10);
    d[7] = HYPHEN;
    d[8] = ZERO + ((day / 10) | 0);
    d[9] = ZERO + (day % 10);
    d[10] = LETTER_T;
    cachedDay = days;
  }
  // Milliseconds into the day: below 86,400,000, so a 32-bit integer.
  let rest = (ms - days * DAY_MS) | 0;
  const hour = (rest / 3_600_000) | 0;
  rest -= hour * 3_600_000;
  const minute = (rest / 60_000) | 0;
  rest -= minute * 60_000;
  const second = (rest / 1000) | 0;
  const milli = rest - second * 1000;
  const d = cachedDate;
  return String.fromCharCode(
    d[0]!, d[1]!, d[2]!, d[3]!, d[4]!, d[5]!, d[6]!, d[7]!, d[8]!, d[9]!, d[10]!,
    tens(hour), ones(hour), COLON, tens(minute), ones(minute), COLON, tens(second), ones(second), DOT,
    ZERO + ((milli / 100) | 0), tens(milli % 100), ones(milli), LETTER_Z,
  );
}

const ZERO = 48;
const HYPHEN = 45;
const LETTER_T = 84;
const COLON = 58;
const DOT = 46;
const LETTER_Z = 90;
/** The character code of the tens digit of `n` (0–99), a 32-bit integer. */
const tens = (n: number): number => ZERO + ((n / 10) | 0);
/** The character code of the last digit of `n`, a non-negative 32-bit integer. */
const ones = (n: number): number => ZERO + (n % 10);
