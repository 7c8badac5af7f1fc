/**
 * The starting instants every library is timed and checked on. They are drawn with a fixed seed,
 * so every run and every library sees the same ones, and they look like the times tickets are
 * opened at: mostly during office hours, some at night, on weekends and holidays, some exactly
 * on an opening or closing time, a few on the days the clocks change.
 */

/** How many starting instants; a power of two so batches can wrap around with a mask. */
export const INPUT_COUNT = 256;

/** Local Berlin wall-clock times that exercise edges: DST changes, holidays, closing times. */
const NOTABLE_STARTS: readonly (readonly [number, number, number, number, number])[] = [
  [2026, 3, 27, 16, 30], // Friday before the spring change, 30 min before closing
  [2026, 3, 29, 2, 30], // Sunday, a wall-clock time the spring change skips
  [2026, 10, 23, 16, 45], // Friday before the autumn change
  [2026, 10, 25, 2, 30], // Sunday, a wall-clock time the autumn change repeats
  [2026, 12, 24, 11, 0], // Christmas Eve (a working day here)
  [2026, 12, 25, 10, 0], // Christmas Day, closed
  [2027, 3, 26, 17, 0], // Good Friday 2027, exactly closing time on a closed day
  [2027, 6, 1, 12, 0], // Tuesday, start of the lunch break
];

const EDGE_TIMES: readonly (readonly [number, number])[] = [
  [9, 0],
  [12, 0],
  [13, 0],
  [17, 0],
];

/** `INPUT_COUNT` starting instants in 2026–2027, whole minutes, in a fixed random order. */
export function startingInstants(seed = 20_261_122): Date[] {
  const random = mulberry32(seed);
  const pick = (n: number): number => Math.floor(random() * n);
  const first = Date.UTC(2026, 0, 1);
  const days = Math.round((Date.UTC(2028, 0, 1) - first) / 86_400_000);
  const starts = NOTABLE_STARTS.map(([y, mo, d, h, mi]) => new Date(y, mo - 1, d, h, mi));
  while (starts.length < INPUT_COUNT) {
    const date = new Date(first + pick(days) * 86_400_000);
    const roll = random();
    let minuteOfDay: number;
    if (roll < 0.55) minuteOfDay = 9 * 60 + pick(8 * 60); // office hours, lunch included
    else if (roll < 0.8) minuteOfDay = pick(24 * 60); // any time, night included
    else {
      const [h, mi] = EDGE_TIMES[pick(EDGE_TIMES.length)]!;
      minuteOfDay = h * 60 + mi;
    }
    // Local (Berlin) wall-clock time: the process zone is Berlin, see process-time-zone.ts.
    starts.push(new Date(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), 0, minuteOfDay));
  }
  // Fisher–Yates, so a slow peer that only gets through the first inputs sees a fair sample.
  for (let i = starts.length - 1; i > 0; i--) {
    const j = pick(i + 1);
    [starts[i], starts[j]] = [starts[j]!, starts[i]!];
  }
  return starts;
}

/** `from + spanMs` for each start: the far ends of the "between" cases. */
export function endsAfter(starts: readonly Date[], spanMs: number): Date[] {
  return starts.map((start) => new Date(start.getTime() + spanMs));
}

/** A small seeded PRNG (mulberry32): reproducible inputs without a dependency. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
