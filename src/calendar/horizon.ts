import { daysFromCivil, DAY_MS } from './civil-date';

/**
 * The instants a calendar answers for: from 1900-01-01T00:00Z to 2200-01-01T00:00Z, both
 * included. Business time exists only between them. Inputs outside are validation errors; a
 * result that would fall outside is an `out_of_range` error. The bound is what keeps every
 * search finite.
 */
export const CALENDAR_HORIZON: Readonly<{ start: string; end: string }> = Object.freeze({
  start: '1900-01-01T00:00:00.000Z',
  end: '2200-01-01T00:00:00.000Z',
});

/** @internal */
export const HORIZON_START_DAY = daysFromCivil(1900, 1, 1);
/** @internal */
export const HORIZON_END_DAY = daysFromCivil(2200, 1, 1);
/** @internal */
export const HORIZON_START_MS = HORIZON_START_DAY * DAY_MS;
/** @internal */
export const HORIZON_END_MS = HORIZON_END_DAY * DAY_MS;
