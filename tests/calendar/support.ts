// Small helpers shared by the calendar's example tests.
import type { BusinessWindow } from '../../src/calendar/index';

/** An instant from an ISO string. */
export const at = (text: string): Date => new Date(text);

/** An instant as an ISO string, for readable expectations. */
export const iso = (date: Date): string => date.toISOString();

/** Windows as `[start, end]` ISO pairs. */
export const spans = (windows: readonly BusinessWindow[]): [string, string][] => windows.map((w) => [iso(w.start), iso(w.end)]);

export { thrown } from '../support';
