import { civilFromDays, DAY_MS, daysFromCivil } from './civil-date';

// Instants as records hold them, `YYYY-MM-DDTHH:mm:ss.sssZ`, read and written with integer
// arithmetic. The SLA engine reads one per version and writes dozens per evaluation; through
// `Date.parse` and `toISOString` that was a third of its time. The text is exactly what
// `Date.prototype.toISOString` writes for years 0000–9999, and the parser accepts exactly what
// the `Instant` schema accepts (a real date, hours 00–23, minutes and seconds 00–59).

/** The places of the digits in `YYYY-MM-DDTHH:mm:ss.sssZ`. */
const DIGIT_PLACES = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22] as const;

const digitAt = (text: string, at: number): number => text.charCodeAt(at) - 48;
const twoAt = (text: string, at: number): number => digitAt(text, at) * 10 + digitAt(text, at + 1);

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
  for (const at of DIGIT_PLACES) {
    const digit = digitAt(text, at);
    if (!(digit >= 0 && digit <= 9)) return Number.NaN;
  }
  const year = twoAt(text, 0) * 100 + twoAt(text, 2);
  const month = twoAt(text, 5);
  const day = twoAt(text, 8);
  const hour = twoAt(text, 11);
  const minute = twoAt(text, 14);
  const second = twoAt(text, 17);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return Number.NaN;
  const milli = digitAt(text, 20) * 100 + twoAt(text, 21);
  return daysFromCivil(year, month, day) * DAY_MS + hour * 3_600_000 + minute * 60_000 + second * 1000 + milli;
}

/** '00' … '99', so a two-digit field is one array read. */
const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, n) => (n < 10 ? `0${n}` : `${n}`));

/**
 * `new Date(ms).toISOString()` for an instant in years 1000–9999 (the calendar's horizon is
 * 1900–2200), with integer arithmetic. @internal
 */
export function formatInstantText(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  let rest = ms - days * DAY_MS;
  const { year, month, day } = civilFromDays(days);
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const milli = rest - second * 1000;
  const millis = milli < 10 ? `00${milli}` : milli < 100 ? `0${milli}` : `${milli}`;
  return `${year}-${TWO_DIGITS[month]!}-${TWO_DIGITS[day]!}T${TWO_DIGITS[hour]!}:${TWO_DIGITS[minute]!}:${TWO_DIGITS[second]!}.${millis}Z`;
}
