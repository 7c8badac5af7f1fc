/**
 * Writes the SLA bench's incident histories to file descriptor 3, one JSON line each, as they
 * are made, and then one line `{"mix": …}` with what the script did. The benchmark runs it in a
 * child process (its default layout, `--stored`) and parses the lines as they come: its
 * histories are then read as a host reads records from its store, into a heap that never held
 * the lifecycle's records.
 * Descriptor 3, not standard output, so that nothing else printed can mix with them.
 *
 *   npx tsx bench/sla/write-histories.ts 2000 3> histories.jsonl
 */
// Must come first: it sets NODE_ENV (immer's development build leaks through the lifecycle).
import './bench-process';
import { writeSync } from 'node:fs';
import { eachIncidentHistory, HISTORY_SEED } from './incident-histories';

const count = Number(process.argv[2]);
if (!Number.isSafeInteger(count) || count < 1) {
  process.stderr.write('usage: write-histories.ts <count>\n');
  process.exit(2);
}

/** Writes all of `text` to descriptor 3, waiting while a full pipe takes no more. */
function writeAll(text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let written = 0;
  while (written < bytes.length) {
    try {
      written += writeSync(3, bytes, written);
    } catch (error) {
      // A non-blocking pipe that is full: the reader catches up in a moment.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}

const mix = eachIncidentHistory(count, HISTORY_SEED, (history) => writeAll(`${JSON.stringify(history)}\n`));
writeAll(`${JSON.stringify({ mix })}\n`);
