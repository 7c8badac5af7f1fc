/**
 * What the bench needs from each library. Every peer has its own batch loops (`addMany`,
 * `betweenMany`) rather than one shared loop calling `peer.add`: a shared loop's call site would
 * see four different functions and stop inlining, which adds a cost comparable to a 150 ns
 * call and would blur the fast libraries' figures. In its own loop each library's call site
 * sees only that library.
 */
export interface CalendarPeer {
  readonly name: string;
  /** Where this library cannot express the shared calendar, in one line. */
  readonly limits: string;
  /** Epoch ms at which `durationMs` of business time has passed since `from`. */
  add(from: Date, durationMs: number): number;
  /** Business ms between `from` and `to` (`to >= from` in this bench). */
  between(from: Date, to: Date): number;
  /**
   * `count` calls of `add`, over `starts[(first + k) & mask]`; returns a checksum of the results
   * so the calls cannot be optimised away.
   */
  addMany(starts: readonly Date[], durationMs: number, first: number, count: number): number;
  /** `count` calls of `between`, like {@link CalendarPeer.addMany}. */
  betweenMany(starts: readonly Date[], ends: readonly Date[], first: number, count: number): number;
}
