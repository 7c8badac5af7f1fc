import { Bench } from 'tinybench';

/** How long each measurement runs; `--quick` shrinks all of them. */
export interface MeasureOptions {
  /** tinybench time budget per task, ms. */
  readonly timeMs: number;
  /** tinybench warm-up budget per task, ms. */
  readonly warmupMs: number;
  /** Minimum timed batches per task. */
  readonly minBatches: number;
  /** Minimum timed batches when one batch takes more than 20 ms (a slow peer on a long span). */
  readonly minSlowBatches: number;
  /** Wall time one timed batch should take, ms: long enough to bury the timer's own cost. */
  readonly batchMs: number;
}

export interface PerCallCost {
  /** Median of the per-batch times, divided by the batch size. */
  readonly nsPerCall: number;
  /** Calls per timed batch. */
  readonly batch: number;
  /** Timed batches. */
  readonly batches: number;
}

/** Runs `count` calls starting at input `first` and returns a checksum of their results. */
export type CallBatch = (first: number, count: number) => number;

/** One batch of a slow call takes longer than this: time only a few of them. */
const SLOW_BATCH_MS = 20;
const MAX_BATCH = 1 << 20;
const MAX_PROBES = 4;

let sink = 0;

/**
 * The checksum of every result computed while timing. Printing it is what keeps the results
 * alive: the engine cannot drop calls whose results reach the output.
 */
export function resultChecksum(): number {
  return sink;
}

/**
 * The median per-call cost of `calls`. One call of a fast calendar costs ~100 ns, about what
 * reading the clock twice costs, so each tinybench iteration runs a batch of calls sized to take
 * `batchMs`, and the median batch time is divided by the batch size. Short batches are better
 * than long ones on a shared machine: fewer of them are hit by a preemption, and the median
 * ignores those. The batch is sized by a doubling probe, which also warms the code up before
 * tinybench's own warm-up.
 */
export async function perCallCost(name: string, calls: CallBatch, options: MeasureOptions): Promise<PerCallCost> {
  let cursor = 0;
  // Probe until two probes agree: the first ones may include one-off work (JIT compilation, a
  // calendar growing its index lazily) that would make a fast call look slow and shrink its batch.
  let perCallMs = Number.POSITIVE_INFINITY;
  for (let probe = 0; probe < MAX_PROBES; probe++) {
    let count = 1;
    let elapsed = 0;
    for (; ; count *= 2) {
      const started = performance.now();
      sink += calls(cursor, count);
      elapsed = performance.now() - started;
      cursor = (cursor + count) & 0x3fff_ffff;
      if (elapsed >= options.batchMs || count >= MAX_BATCH) break;
    }
    const previous = perCallMs;
    perCallMs = elapsed / count;
    if (perCallMs > previous / 1.25 && perCallMs < previous * 1.25) break;
  }
  const batch = Math.max(1, Math.min(MAX_BATCH, Math.round(options.batchMs / perCallMs)));
  const slow = perCallMs * batch > SLOW_BATCH_MS;

  const bench = new Bench({
    time: options.timeMs,
    warmupTime: options.warmupMs,
    iterations: slow ? options.minSlowBatches : options.minBatches,
    warmupIterations: slow ? 1 : 4,
    throws: true,
  });
  bench.add(name, () => {
    sink += calls(cursor, batch);
    cursor = (cursor + batch) & 0x3fff_ffff;
  });
  const [task] = await bench.run();
  const result = task?.result;
  if (result?.state !== 'completed') throw new Error(`${name}: tinybench did not complete (${result?.state ?? 'no task'})`);
  return { nsPerCall: (result.latency.p50 * 1e6) / batch, batch, batches: result.latency.samplesCount };
}
