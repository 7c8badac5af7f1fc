import { z } from 'zod';
// Purchase, warranty and disposal dates are days as a document states them, with no time or
// zone; they compare as strings exactly as they do as dates.
import { CalendarDate } from '../calendar/calendar.schema';

/**
 * An amount of money: a whole number of the currency's minor units (cents for EUR, yen for JPY)
 * and its ISO 4217 code. Never a floating-point number, so sums are exact.
 */
export const Money = z.strictObject({
  /** Whole minor units: `129900` in EUR is 1,299.00 €. */
  amountMinor: z.int({ error: 'must be a whole number of minor units (cents), not a decimal' }).min(0, { error: 'must not be negative' }),
  /** The ISO 4217 alphabetic code, e.g. `EUR`. */
  currency: z.string().regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 code of three capital letters, such as EUR' }),
});
/** An amount of money in minor units and its currency. */
export type Money = z.infer<typeof Money>;

/** The warranty period of an asset, both days included; the end is not before the start. */
export const Warranty = z
  .strictObject({
    start: CalendarDate,
    end: CalendarDate,
    /** Who honours it: the manufacturer, a reseller, a support contract's reference. */
    provider: z.string().min(1, { error: 'must not be empty' }).max(200).optional(),
  })
  .refine((warranty) => warranty.end >= warranty.start, { error: 'must not be before the start', path: ['end'] });
/** The warranty period of an asset. */
export type Warranty = z.infer<typeof Warranty>;
