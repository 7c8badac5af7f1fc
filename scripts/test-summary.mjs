// Prints the test totals of the last `vitest run` as one plain line, for logs that are read
// by machines as well as people.
import { readFileSync } from 'node:fs';

const results = JSON.parse(readFileSync(new URL('../.vitest/results.json', import.meta.url), 'utf8'));
const skipped = results.numPendingTests + results.numTodoTests;
console.log(`${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(results.numFailedTests === 0 && results.numTotalTests > 0 ? 0 : 1);
