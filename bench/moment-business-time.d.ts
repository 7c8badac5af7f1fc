// moment-business-time ships no types. It adds methods to moment's prototype and reads its
// settings from the moment locale; this declares only what the bench uses.
import type { unitOfTime } from 'moment';

declare module 'moment' {
  interface Moment {
    addWorkingTime(amount: number, unit: unitOfTime.Base): Moment;
    workingDiff(other: Moment, unit?: unitOfTime.Base, precise?: boolean): number;
  }
  interface LocaleSpecification {
    /** Weekday (0 = Sunday) → alternating opening and closing times `HH:mm:ss`, or null. */
    workinghours?: Record<number, string[] | null>;
    /** Closed dates `YYYY-MM-DD` (minimatch patterns). */
    holidays?: string[];
  }
}
