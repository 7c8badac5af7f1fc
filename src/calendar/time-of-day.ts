/**
 * Times of day as milliseconds after local midnight. `24:00` is 86 400 000.
 * @internal
 */

export const TIME_OF_DAY = /^(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?$/;
export const END_TIME_OF_DAY = /^(?:(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?|24:00(?::00)?)$/;

/** Milliseconds after midnight of an already validated `HH:mm` or `HH:mm:ss`. */
export function timeOfDayMs(text: string): number {
  const hours = Number(text.slice(0, 2));
  const minutes = Number(text.slice(3, 5));
  const seconds = text.length > 5 ? Number(text.slice(6, 8)) : 0;
  return ((hours * 60 + minutes) * 60 + seconds) * 1000;
}
