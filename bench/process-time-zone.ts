/**
 * The peers have no time-zone setting of their own: opening_hours, moment-business-time and
 * dayjs-business-time read wall-clock times through `Date`'s local-time methods, so the only way
 * to give them the Europe/Berlin calendar is the process zone. Node re-reads `TZ` when it is
 * assigned, and this module is imported before anything else in the bench so every `Date`
 * created afterwards sees Berlin. itsm-kit does not read the process zone at all.
 */
export const BENCH_TIME_ZONE = 'Europe/Berlin';

process.env.TZ = BENCH_TIME_ZONE;

// Winter and summer offsets in minutes west of UTC, as `getTimezoneOffset` reports them.
const winter = new Date(2026, 0, 15).getTimezoneOffset();
const summer = new Date(2026, 6, 15).getTimezoneOffset();
if (winter !== -60 || summer !== -120) {
  throw new Error(`could not switch the process time zone to ${BENCH_TIME_ZONE}; run the bench as TZ=${BENCH_TIME_ZONE} npm run bench`);
}
