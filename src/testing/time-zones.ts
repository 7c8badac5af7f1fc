/**
 * Time zones that exercise what business calendars get wrong: daylight saving time in both
 * hemispheres, 30- and 45-minute offsets and DST steps, clocks that change at midnight (so a
 * local midnight is skipped or repeated), a 2-hour DST step, a negative DST, several changes a
 * year, a skipped calendar day (Pacific/Apia lost 2011-12-30), and fixed offsets at both ends
 * of the range.
 */
export const EDGE_CASE_TIME_ZONES: readonly string[] = Object.freeze([
  'UTC',
  'Etc/GMT-14', // fixed +14:00, the furthest ahead
  'Etc/GMT+12', // fixed -12:00, the furthest behind
  'Europe/Berlin', // northern DST at 02:00 and 03:00
  'America/New_York',
  'Australia/Sydney', // southern DST
  'Australia/Lord_Howe', // +10:30, DST step of 30 minutes
  'Pacific/Chatham', // +12:45 / +13:45
  'Asia/Kathmandu', // +05:45
  'America/St_Johns', // -03:30 with DST
  'America/Santiago', // DST at midnight, southern hemisphere
  'America/Havana', // DST at midnight, northern hemisphere
  'Pacific/Apia', // skipped 2011-12-30 by moving from -10:00 to +14:00; DST from 2010 to 2021 (at midnight in 2010)
  'Antarctica/Troll', // DST step of 2 hours
  'Europe/Dublin', // negative DST in the tz database
  'Africa/Casablanca', // clocks change around Ramadan every year; four changes a year until 2018
]);

/**
 * Time zones whose UTC offset never changes. In them every week has the same business time,
 * which makes laws such as weekly periodicity exact.
 */
export const FIXED_OFFSET_TIME_ZONES: readonly string[] = Object.freeze(['UTC', 'Etc/GMT-14', 'Etc/GMT+12', 'Etc/GMT-5', 'Etc/GMT+3']);
