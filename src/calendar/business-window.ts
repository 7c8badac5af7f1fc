/** A span of business time `[start, end)` as instants. */
export interface BusinessWindow {
  readonly start: Date;
  readonly end: Date;
}
