import type { CalendarPeer } from './calendar-peer';
import type { ReferenceCalendar } from './reference-calendar';

/** One benchmark case: an add of business time, or a between over a wall-clock span. */
export type BenchCase =
  | { readonly kind: 'add'; readonly label: string; readonly durationMs: number }
  | { readonly kind: 'between'; readonly label: string; readonly spanMs: number; readonly ends: readonly Date[] };

/** One input on which answers differ, with the reference's answer as referee. */
export interface Disagreement {
  readonly start: Date;
  readonly end?: Date;
  readonly ours: number;
  readonly theirs: number | string;
  readonly reference: number;
}

export interface CrossCheck {
  readonly peer: string;
  readonly checked: number;
  readonly differing: number;
  /** Of the differing inputs, how many the reference answers as itsm-kit does, as the peer does. */
  readonly referenceSidesWithUs: number;
  readonly referenceSidesWithPeer: number;
  readonly examples: readonly Disagreement[];
}

const KEPT_EXAMPLES = 3;

/**
 * Compares `peer` with itsm-kit on the case's inputs, in order, until all are done or `budgetMs`
 * is spent (a slow peer gets through only some; the inputs are shuffled, so those are a fair
 * sample). Where they differ, the naive reference calendar decides who is right.
 */
export function crossCheck(
  benchCase: BenchCase,
  starts: readonly Date[],
  ours: CalendarPeer,
  peer: CalendarPeer,
  reference: ReferenceCalendar,
  budgetMs: number,
): CrossCheck {
  const deadline = performance.now() + budgetMs;
  let checked = 0;
  let differing = 0;
  let withUs = 0;
  let withPeer = 0;
  const examples: Disagreement[] = [];
  for (let i = 0; i < starts.length && (checked === 0 || performance.now() < deadline); i++) {
    const start = starts[i]!;
    const end = benchCase.kind === 'between' ? benchCase.ends[i]! : undefined;
    const answer = (calendar: Pick<CalendarPeer, 'add' | 'between'>): number =>
      benchCase.kind === 'add' ? calendar.add(start, benchCase.durationMs) : calendar.between(start, benchCase.ends[i]!);
    const expected = answer(ours);
    let theirs: number | string;
    try {
      theirs = answer(peer);
    } catch (error) {
      theirs = `threw ${error instanceof Error ? error.message : String(error)}`;
    }
    checked++;
    if (theirs === expected) continue;
    differing++;
    const refereed = answer(reference);
    if (refereed === expected) withUs++;
    if (refereed === theirs) withPeer++;
    if (examples.length < KEPT_EXAMPLES) {
      examples.push({ start, ...(end === undefined ? {} : { end }), ours: expected, theirs, reference: refereed });
    }
  }
  return { peer: peer.name, checked, differing, referenceSidesWithUs: withUs, referenceSidesWithPeer: withPeer, examples };
}

/** itsm-kit against the reference on every input of the case: the check that itsm-kit is right. */
export function checkAgainstReference(benchCase: BenchCase, starts: readonly Date[], ours: CalendarPeer, reference: ReferenceCalendar): CrossCheck {
  const asPeer: CalendarPeer = {
    ...ours,
    name: 'reference',
    add: (from, durationMs) => reference.add(from, durationMs),
    between: (from, to) => reference.between(from, to),
  };
  return crossCheck(benchCase, starts, ours, asPeer, reference, Number.POSITIVE_INFINITY);
}
