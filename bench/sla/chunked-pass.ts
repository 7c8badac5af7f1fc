import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

/** Runs the work for items `[first, first + count)` and returns a checksum of its results. */
export type ChunkRun = (first: number, count: number) => number;

/** One timed pass over every item, in chunks. */
export interface PassCost {
  /** Median over the chunks of (chunk time / items in the chunk), ns. */
  readonly perItemNs: number;
  /** Median over the chunks of (chunk time / weight of the chunk), ns: per version, per step. */
  readonly perWeightNs: number;
  /** The whole pass divided by the items: includes every pause the median leaves out. */
  readonly meanPerItemNs: number;
  readonly totalMs: number;
  /** Garbage collection inside the pass, ms, from Node's `gc` performance entries. */
  readonly gcMs: number;
  /** Of which full collections and incremental marking steps (everything but scavenges), ms. */
  readonly majorGcMs: number;
  readonly chunks: number;
  /** Median over the chunks of the probe timed just before each, ns per probe item. */
  readonly probeNs: number;
}

/** A small fixed piece of work timed before every chunk, and how many items it does. */
export interface Probe {
  readonly run: ChunkRun;
  readonly items: number;
}

let sink = 0;
/** The probe's results, kept apart: they depend on nothing but the chunk, and would drown the work's. */
let probeSink = 0;

/**
 * The checksum of every result the timed work computed. Printing it keeps the results alive:
 * the engine cannot drop work whose results reach the output.
 */
export function passChecksum(): number {
  return sink;
}

/** The same for the probe, printed apart. */
export function probeChecksum(): number {
  return probeSink;
}

const gcEntries: PerformanceEntry[] = [];
const observer = new PerformanceObserver((list) => void gcEntries.push(...list.getEntries()));
observer.observe({ entryTypes: ['gc'] });

/** Stops collecting garbage-collection entries so the process can exit. */
export function stopGcObserver(): void {
  observer.disconnect();
}

// Everything but a scavenge of the young generation: mark-compact and incremental marking.
const NOT_MINOR = constants.NODE_PERFORMANCE_GC_MAJOR | constants.NODE_PERFORMANCE_GC_INCREMENTAL;

/** The collections since the last call, once Node has delivered them: it does so later, not on the next tick. */
export async function takeGcEntries(): Promise<PerformanceEntry[]> {
  await new Promise((resolve) => setTimeout(resolve, 50));
  return gcEntries.splice(0);
}

/** Milliseconds of the collections that began inside one of `spans` (or only of the major ones). */
export function gcMsIn(entries: readonly PerformanceEntry[], spans: readonly (readonly [number, number])[], majorOnly = false): number {
  let ms = 0;
  for (const entry of entries) {
    if (majorOnly && (((entry as { detail?: { kind?: number } }).detail?.kind ?? 0) & NOT_MINOR) === 0) continue;
    if (spans.some(([from, to]) => entry.startTime >= from && entry.startTime <= to)) ms += entry.duration;
  }
  return ms;
}

/**
 * Times `run` over `items` items in chunks of `chunk`. A chunk of a pass over 100,000 histories
 * takes tens of milliseconds, so the clock's own cost vanishes, and the median over chunks
 * leaves out the chunks a preemption or a major collection fell into; the mean beside it does
 * not. `weightBefore[i]` is the total weight (versions) of items before `i`. The probe, timed
 * just before each chunk, shows how fast the machine was while the pass ran: other work on a
 * shared machine slows it and the chunks alike.
 */
export async function timePass(run: ChunkRun, items: number, chunk: number, weightBefore: ArrayLike<number>, probe: Probe): Promise<PassCost> {
  const perItem: number[] = [];
  const perWeight: number[] = [];
  const probeNs: number[] = [];
  let probeMs = 0;
  const started = performance.now();
  for (let first = 0; first < items; first += chunk) {
    const count = Math.min(chunk, items - first);
    const p0 = performance.now();
    probeSink += probe.run(first, 1);
    const t0 = performance.now();
    probeNs.push(((t0 - p0) * 1e6) / probe.items);
    probeMs += t0 - p0;
    sink += run(first, count);
    const ms = performance.now() - t0;
    perItem.push((ms * 1e6) / count);
    perWeight.push((ms * 1e6) / (weightBefore[first + count]! - weightBefore[first]!));
  }
  const ended = performance.now();
  const passMs = ended - started - probeMs;
  const entries = await takeGcEntries();
  const gcMs = gcMsIn(entries, [[started, ended]]);
  const majorGcMs = gcMsIn(entries, [[started, ended]], true);
  return {
    perItemNs: median(perItem),
    perWeightNs: median(perWeight),
    meanPerItemNs: (passMs * 1e6) / items,
    totalMs: passMs,
    gcMs,
    majorGcMs,
    chunks: perItem.length,
    probeNs: median(probeNs),
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
