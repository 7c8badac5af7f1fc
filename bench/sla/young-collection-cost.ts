/**
 * What V8 charges for a collection of the young generation as the live data in the heap grows,
 * with nothing of this library in it: a loop that only allocates small objects that die at
 * once, timed with about 0.1, 1, 2 and 4 GiB of other objects held. The SLA benchmark's whole
 * pass holds all its histories (3.9 GiB); this is why its collections cost what they do.
 *
 *   npx tsx bench/sla/young-collection-cost.ts      about a minute; needs about 6 GiB of heap
 *   node --single-threaded-gc --import tsx bench/sla/young-collection-cost.ts
 *                                                  the same with V8's collector on this thread only
 */
// Must come first: it provides the heap check.
import { ensureHeap, exposedCollector } from './bench-process';
import { constants, PerformanceObserver } from 'node:perf_hooks';

ensureHeap(8_192);
const collect = exposedCollector();

/** Objects of the held data: a few fields, a short list, a nested object, about 170 bytes each. */
const held: object[] = [];
const hold = (gib: number): void => {
  while (process.memoryUsage().heapUsed < gib * 2 ** 30) {
    for (let k = 0; k < 100_000; k++) held.push({ id: held.length, name: `item ${held.length % 1000}`, list: [1, 2, 3], nested: { at: held.length } });
  }
};

let scavenges = 0;
let scavengeMs = 0;
let otherMs = 0;
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    // Collections of the young generation only; anything else is counted apart.
    if ((entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) {
      scavenges += 1;
      scavengeMs += entry.duration;
    } else otherMs += entry.duration;
  }
});
observer.observe({ entryTypes: ['gc'] });

const ring = new Array<unknown>(64);
let sink = 0;
/** Allocates twenty million small objects that die at once: about 1.3 GB of garbage. */
function churn(): number {
  const started = performance.now();
  for (let i = 0; i < 20_000_000; i++) {
    const object = { a: i, b: [i, i + 1], c: 'x' };
    ring[i & 63] = object;
    sink += object.b.length;
  }
  return performance.now() - started;
}

const rows: string[] = [];
let baseline = Number.NaN;
for (const gib of [0.1, 1, 2, 4]) {
  hold(gib);
  // Settle what holding made (a full collection, so no marking is left to do in the loop), so
  // the loop's collections are its own.
  collect({ type: 'major' });
  collect({ type: 'major' });
  await new Promise((resolve) => setTimeout(resolve, 200));
  scavenges = 0;
  scavengeMs = 0;
  otherMs = 0;
  const ms = Math.min(churn(), churn());
  await new Promise((resolve) => setTimeout(resolve, 100));
  if (Number.isNaN(baseline)) baseline = ms;
  const heldGiB = process.memoryUsage().heapUsed / 2 ** 30;
  rows.push(`| ${heldGiB.toFixed(1)} GiB | ${ms.toFixed(0)} ms | ${(ms / baseline).toFixed(2)}× | ${scavenges} | ${(scavengeMs / Math.max(1, scavenges)).toFixed(2)} ms | ${otherMs.toFixed(0)} ms |`);
}
observer.disconnect();
process.stdout.write(['| held | the loop (best of two) | ÷ the smallest heap | young collections (both loops) | a young collection, mean | other collection work (both loops) |', '|---:|---:|---:|---:|---:|---:|', ...rows, '', `(checksum ${sink}, ${held.length} objects held)`, ''].join('\n'));
