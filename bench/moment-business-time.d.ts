// moment-business-time ships no types. This declares only what the bench uses; the package
// exports moment itself, with methods added to its prototype and settings read from the locale.
declare module 'moment-business-time' {
  import moment = require('moment');

  module 'moment' {
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

  export = moment;
}
