import { z } from 'zod';
import { parseIsoDate } from './civil-date';
import { HORIZON_END_DAY, HORIZON_START_DAY } from './horizon';
import { END_TIME_OF_DAY, TIME_OF_DAY } from './time-of-day';
import { canonicalTimeZone } from './zone-offsets';

/** The weekday keys of {@link WeeklyHours}, Monday first. */
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** A weekday key: `'monday'` … `'sunday'`. */
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * One span of business hours on a local date, `[start, end)`. `end` may be `24:00`; an `end`
 * at or before `start` runs past midnight into the next day.
 */
export const BusinessHoursWindow = z
  .strictObject({
    start: z.string().regex(TIME_OF_DAY, { error: 'must be a time of day HH:mm or HH:mm:ss from 00:00 to 23:59:59' }),
    end: z.string().regex(END_TIME_OF_DAY, { error: 'must be a time of day HH:mm or HH:mm:ss from 00:00 to 24:00' }),
  })
  .meta({ description: 'Business hours [start, end) on a local date; end <= start runs past midnight.' });
/** One span of business hours on a local date. */
export type BusinessHoursWindow = z.infer<typeof BusinessHoursWindow>;

const Windows = z.array(BusinessHoursWindow);

/** The regular week: for each weekday its windows. A missing weekday is closed. */
export const WeeklyHours = z
  .strictObject(Object.fromEntries(WEEKDAYS.map((day) => [day, Windows.optional()])) as Record<Weekday, z.ZodOptional<typeof Windows>>)
  .meta({ description: 'Business hours per weekday; a missing weekday is closed.' });
/** The regular week: for each weekday its windows. */
export type WeeklyHours = z.infer<typeof WeeklyHours>;

/** A local calendar date `YYYY-MM-DD` within the supported horizon (1900–2199). */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date YYYY-MM-DD', abort: true })
  .refine(
    (text) => {
      const day = parseIsoDate(text);
      return day !== undefined && day >= HORIZON_START_DAY && day < HORIZON_END_DAY;
    },
    { error: 'must be a real calendar date from 1900-01-01 to 2199-12-31' },
  );

/**
 * A date on which the regular week does not apply: closed all day, or open only in `hours`.
 * Its windows replace those that start on that date; an overnight window from the day before
 * still runs into it.
 */
export const Holiday = z.strictObject({
  date: CalendarDate,
  name: z.string().max(200).optional(),
  hours: Windows.optional().meta({ description: 'Replaces the day’s windows; absent or empty means closed all day.' }),
});
/** A date on which the regular week does not apply. */
export type Holiday = z.infer<typeof Holiday>;

/** An IANA time zone name that this runtime's `Intl` knows. */
export const TimeZoneName = z
  .string()
  .min(1, { error: 'must be an IANA time zone name such as Europe/Berlin' })
  .refine((zone) => canonicalTimeZone(zone) !== undefined, { error: 'is not a time zone this runtime knows (use an IANA name such as Europe/Berlin)' });

/**
 * A business calendar as data: plain JSON a vendor can store and edit. Validate it with
 * `defineCalendar`, which compiles it.
 */
export const BusinessCalendarDefinition = z
  .strictObject({
    timeZone: TimeZoneName,
    week: WeeklyHours,
    holidays: z.array(Holiday).optional(),
  })
  .superRefine((definition, context) => {
    const seen = new Map<string, number>();
    (definition.holidays ?? []).forEach((holiday, index) => {
      const first = seen.get(holiday.date);
      if (first === undefined) seen.set(holiday.date, index);
      else
        context.addIssue({
          code: 'custom',
          path: ['holidays', index, 'date'],
          message: `duplicates holidays[${first}]: one entry per date`,
          input: holiday.date,
        });
    });
  })
  .meta({ title: 'BusinessCalendarDefinition', description: 'Working hours, holidays and time zone of a business calendar.' });
/** A business calendar as data. */
export type BusinessCalendarDefinition = z.infer<typeof BusinessCalendarDefinition>;

/**
 * The JSON Schema (draft 2020-12) of {@link BusinessCalendarDefinition}, for editors and
 * storage that validate outside TypeScript. Checks that need code (a real date, a known time
 * zone, one holiday per date) are left to `defineCalendar`.
 *
 * @returns a fresh JSON Schema object
 *
 * @example
 * ```ts
 * import { businessCalendarJsonSchema } from 'itsm-kit/calendar';
 * const schema = businessCalendarJsonSchema(); // hand to Ajv, a form builder, an OpenAPI spec …
 * ```
 */
export function businessCalendarJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(BusinessCalendarDefinition, { unrepresentable: 'any' });
}
