/**
 * Prepares the process for the SLA benchmark. Imported first, before anything reads the
 * environment.
 *
 * - `NODE_ENV=production` unless the caller set it: that is how a host runs, and immer's
 *   development build leaks through the lifecycle — `step` and `runLifecycleCreation` in
 *   src/core/apply-lifecycle-event.ts call `enablePatches()` on every event, and in development
 *   immer's `enablePatches` pushes four error messages (two of them closures over the plugin)
 *   onto a module-level array each time: about 0.7 KiB an event, 1.3 GB over the 1.8 million
 *   lifecycle calls that build the histories. immer reads NODE_ENV when it is loaded, hence
 *   first. The SLA engine itself reads nothing from the environment.
 * - Enough heap: 100,000 histories made by the lifecycle hold about 4 GB of records (frozen
 *   immer results, 2 KiB a version), and the bench keeps their final states beside them: more
 *   than Node's default limit of about 4 GB on a machine like the one in docs/performance.md.
 *   When the limit is lower than `minHeapMiB`, the bench runs itself again in a child process
 *   with a larger one and exits with the child's status.
 */
import { spawnSync } from 'node:child_process';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

process.env.NODE_ENV ??= 'production';

/** Re-runs this process with `--max-old-space-size=minHeapMiB` when its heap limit is below it. */
export function ensureHeap(minHeapMiB: number): void {
  const limitMiB = v8.getHeapStatistics().heap_size_limit / 2 ** 20;
  if (limitMiB >= minHeapMiB) return;
  if (process.env.ITSM_BENCH_RESPAWNED === '1') throw new Error(`the heap limit is ${limitMiB.toFixed(0)} MiB even after --max-old-space-size=${minHeapMiB}`);
  process.stderr.write(`  heap limit ${limitMiB.toFixed(0)} MiB is below ${minHeapMiB} MiB: running again with --max-old-space-size=${minHeapMiB}\n`);
  const child = spawnSync(process.execPath, [`--max-old-space-size=${minHeapMiB}`, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, ITSM_BENCH_RESPAWNED: '1' },
  });
  process.exit(child.status ?? 1);
}

/** A collection on demand: of the young generation only (`minor`) or of the whole heap (`major`). */
export type Collect = (options: { type: 'major' | 'minor' }) => void;

/**
 * V8's `gc` function, without the process having been started with `--expose-gc`: the flag set
 * now takes effect in a context made after it.
 */
export function exposedCollector(): Collect {
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as Collect;
}
