// Runs every program in examples/ against the built package (dist/), the way a user's code
// would import it, and fails if any of them fails. Names given as arguments run only those
// (`node scripts/run-examples.mjs quickstart.ts`, which is what `npm run demo` does).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const chosen = process.argv.slice(2);
const examples = readdirSync(join(root, 'examples'))
  .filter((name) => name.endsWith('.ts') && (chosen.length === 0 || chosen.includes(name)))
  .sort();
if (examples.length === 0) {
  console.error('no examples found');
  process.exit(1);
}
let failed = 0;
for (const name of examples) {
  console.log(`\n▶ examples/${name}`);
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', join('examples', name)],
    // tsconfig.examples.json has no path mapping, so `itsm-kit/...` resolves to dist/ through
    // the package's own exports, as it would for a user.
    { cwd: root, stdio: 'inherit', env: { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.examples.json') } },
  );
  if (run.status !== 0) {
    failed++;
    console.error(`✖ examples/${name} exited with ${run.status ?? run.signal}`);
  }
}
console.log(`\n${examples.length - failed} of ${examples.length} examples ran`);
process.exit(failed === 0 ? 0 : 1);
