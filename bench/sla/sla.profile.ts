/**
 * Where the SLA engine's time goes: a CPU profile of each timed case of the SLA benchmark, taken
 * in-process through the inspector, summed by function (self time) and by file, plus the cost
 * of the steps the profile points at, timed on their own on the same records.
 *
 *   npx tsx bench/sla/sla.profile.ts            5,000 histories, 4 s of profile per case
 *   npx tsx bench/sla/sla.profile.ts --quick    1,000 histories, 1 s per case
 *   npx tsx bench/sla/sla.profile.ts --save     also writes sla-<case>.cpuprofile here, for Chrome DevTools
 *
 * The figures are shares of a profile, not benchmark results; `npm run bench:sla` gives those.
 */
// Must come first: it sets NODE_ENV like the benchmark does.
import './bench-process';
import { writeFileSync } from 'node:fs';
import { Session, type Profiler } from 'node:inspector/promises';
import { fileURLToPath } from 'node:url';
import { advanceSla, DEFAULT_INCIDENT_SLA_POLICY, evaluateSla, Instant, slaStatus, type SlaState, type SlaVersion } from '../../src/index';
import { civilFromDays, daysFromCivil } from '../../src/calendar/civil-date';
import { incidentHistories } from './incident-histories';
import { serviceDeskCalendar } from './service-desk-calendar';

const QUICK = process.argv.includes('--quick');
const SAVE = process.argv.includes('--save');
const HISTORIES = QUICK ? 1_000 : 5_000;
const PROFILE_MS = QUICK ? 1_000 : 4_000;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const policy = DEFAULT_INCIDENT_SLA_POLICY;
const calendars = { service_desk: serviceDeskCalendar() };
const advanceOptions = { calendars };

// ---------------------------------------------------------------------------------------------
// Sketches of replacements, checked below against Date on every instant of the run.

const DAY_MS = 86_400_000;
const digit = (text: string, at: number): number => text.charCodeAt(at) - 48;
const two = (text: string, at: number): number => digit(text, at) * 10 + digit(text, at + 1);
const DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22];

/** `YYYY-MM-DDTHH:mm:ss.sssZ` to epoch ms in one pass, NaN for anything else. */
function parseInstantSketch(text: string): number {
  // - - T : : . Z at their places, as char codes.
  if (text.length !== 24 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84) return Number.NaN;
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58 || text.charCodeAt(19) !== 46 || text.charCodeAt(23) !== 90) return Number.NaN;
  for (const at of DIGITS) {
    const value = digit(text, at);
    if (value < 0 || value > 9) return Number.NaN;
  }
  const year = two(text, 0) * 100 + two(text, 2);
  const month = two(text, 5);
  const day = two(text, 8);
  const hour = two(text, 11);
  const minute = two(text, 14);
  const second = two(text, 17);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return Number.NaN;
  return daysFromCivil(year, month, day) * DAY_MS + hour * 3_600_000 + minute * 60_000 + second * 1000 + digit(text, 20) * 100 + two(text, 21);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/** Epoch ms to `YYYY-MM-DDTHH:mm:ss.sssZ` (years 1000–9999) with integer arithmetic. */
function isoSketch(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  let rest = ms - days * DAY_MS;
  const { year, month, day } = civilFromDays(days);
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const milli = rest - second * 1000;
  return `${year}-${pad2(month)}-${pad2(day)}T${pad2(hour)}:${pad2(minute)}:${pad2(second)}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}

// ---------------------------------------------------------------------------------------------

process.stderr.write(`building ${HISTORIES} histories\n`);
const { histories } = incidentHistories(HISTORIES);
const finalStates = histories.map((history) => {
  let state: SlaState | undefined;
  for (const version of history.versions) state = advanceSla(policy, state, version, advanceOptions);
  return state!;
});
const versions = histories.reduce((sum, history) => sum + history.versions.length, 0);

let sink = 0;
const cases: Record<string, () => void> = {
  evaluateSla: () => {
    for (const history of histories) sink += evaluateSla(policy, history.versions, { calendars, now: history.now }).targets.length;
  },
  advanceSla: () => {
    for (const history of histories) {
      let state: SlaState | undefined;
      for (const version of history.versions) state = advanceSla(policy, state, version, advanceOptions);
      sink += state!.targets.length;
    }
  },
  slaStatus: () => {
    histories.forEach((history, h) => (sink += slaStatus(policy, finalStates[h]!, { calendars, now: history.now }).targets.length));
  },
};

interface Row {
  readonly name: string;
  readonly file: string;
  selfMs: number;
}

function summarise(profile: Profiler.Profile): { total: number; functions: Row[]; files: Map<string, number> } {
  const selfSamples = new Map<number, number>();
  for (const id of profile.samples ?? []) selfSamples.set(id, (selfSamples.get(id) ?? 0) + 1);
  const sampleMs = (profile.endTime - profile.startTime) / 1000 / (profile.samples?.length ?? 1);
  const rows = new Map<string, Row>();
  const files = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const ms = (selfSamples.get(node.id) ?? 0) * sampleMs;
    if (ms === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = fileOf(url);
    const name = `${functionName || '(anonymous)'} ${file}${url === '' ? '' : `:${lineNumber + 1}`}`;
    const row = rows.get(name) ?? { name, file, selfMs: 0 };
    row.selfMs += ms;
    rows.set(name, row);
    files.set(file, (files.get(file) ?? 0) + ms);
    if (functionName !== '(idle)' && functionName !== '(program)') total += ms;
  }
  return { total, functions: [...rows.values()].sort((a, b) => b.selfMs - a.selfMs), files };
}

function fileOf(url: string): string {
  if (url === '') return '(native)';
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const module = /\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (module !== null) return `node_modules/${module[1]}`;
  if (path.startsWith(ROOT)) return path.slice(ROOT.length);
  return path.startsWith('node:') ? path : 'node internals';
}

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
for (const [name, run] of Object.entries(cases)) {
  run(); // warm-up
  await session.post('Profiler.start');
  const started = performance.now();
  let passes = 0;
  while (performance.now() - started < PROFILE_MS) {
    run();
    passes += 1;
  }
  const elapsed = performance.now() - started;
  const { profile } = await session.post('Profiler.stop');
  if (SAVE) writeFileSync(new URL(`sla-${name}.cpuprofile`, import.meta.url), JSON.stringify(profile));
  const { total, functions, files } = summarise(profile);
  const perHistoryUs = (elapsed * 1000) / (passes * HISTORIES);
  console.log(`\n## ${name}: ${passes} passes over ${HISTORIES} histories, ${perHistoryUs.toFixed(1)} µs per history, ${((perHistoryUs * HISTORIES) / versions).toFixed(2)} µs per version (under the profiler)`);
  console.log('\nSelf time by file:');
  for (const [file, ms] of [...files].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${file}`);
  console.log('\nSelf time by function (top 25):');
  for (const row of functions.slice(0, 25)) console.log(`  ${((100 * row.selfMs) / total).toFixed(1).padStart(5)} %  ${row.name}`);
  // tsx compiles with esbuild's keepNames: every function expression is wrapped in `__name(fn,
  // "name")`, which redefines `name` each time a closure is created. The published build (tsup)
  // does not do that, so this share is an artefact of running src through tsx.
  const keepNames = functions.filter((row) => /^(__name|set name|get name) /.test(row.name)).reduce((sum, row) => sum + row.selfMs, 0);
  console.log(`\nOf which tsx's keepNames wrappers (__name, set name, get name): ${((100 * keepNames) / total).toFixed(1)} % — not in the published build`);
}
session.disconnect();

// ---------------------------------------------------------------------------------------------
// The steps the profile points at, each timed alone on the same records, beside what a
// replacement would cost. The measurements of a group alternate, round after round, and each
// keeps its best round: on a shared machine a slow spell then hits one round, not one row.

interface Measurement {
  readonly label: string;
  /** What one call of `run` does this many of: versions, instants, histories. */
  readonly count: number;
  readonly run: () => number;
}

function compare(title: string, measurements: readonly Measurement[], rounds: number): void {
  const bestNs = measurements.map(() => Number.POSITIVE_INFINITY);
  for (const measurement of measurements) sink += measurement.run();
  for (let round = 0; round < rounds; round++) {
    measurements.forEach((measurement, k) => {
      const started = performance.now();
      sink += measurement.run();
      bestNs[k] = Math.min(bestNs[k]!, ((performance.now() - started) * 1e6) / measurement.count);
    });
  }
  console.log(`\n## ${title} (best of ${rounds} alternating rounds)`);
  measurements.forEach((measurement, k) => console.log(`  ${formatNs(bestNs[k]!).padStart(9)}  ${measurement.label}`));
}

function formatNs(ns: number): string {
  return ns >= 10_000 ? `${(ns / 1000).toFixed(1)} µs` : `${ns.toFixed(0)} ns`;
}

const allVersions: SlaVersion[] = histories.flatMap((history) => history.versions);
const atStrings = allVersions.map((version) => version.at as string);
const atMs = atStrings.map((at) => Date.parse(at));
for (let k = 0; k < atStrings.length; k++) {
  if (parseInstantSketch(atStrings[k]!) !== atMs[k] || isoSketch(atMs[k]!) !== atStrings[k]) throw new Error(`the sketches disagree with Date on ${atStrings[k]}`);
}
// The top-level fields the default policy's conditions read, with `previous` beside them.
const policyFields = ['state', 'firstRespondedAt', 'openedAt', 'priority'];

compare('Per version: reading the instant, and the view the conditions see', [
  { label: 'Instant.safeParse(at): the zod check instantArgument makes', count: atStrings.length, run: () => atStrings.reduce((ok, at) => ok + (Instant.safeParse(at).success ? 1 : 0), 0) },
  { label: 'Date.parse(at): the parse after it', count: atStrings.length, run: () => atStrings.reduce((sum, at) => sum + Date.parse(at), 0) },
  { label: 'sketch: one-pass fixed-format parser (checks and parses, charCodeAt + days from civil)', count: atStrings.length, run: () => atStrings.reduce((sum, at) => sum + parseInstantSketch(at), 0) },
  {
    label: '{ ...record, previous }: the view stepSla builds (records as the lifecycle returns them: frozen)',
    count: allVersions.length,
    run: () => {
      let sum = 0;
      let previous: unknown;
      for (const version of allVersions) {
        sum += Object.keys({ ...version.record, previous }).length;
        previous = version.record;
      }
      return sum;
    },
  },
  {
    label: `sketch: a view of only the fields the policy's conditions name (${policyFields.join(', ')}) and previous, as one object literal`,
    count: allVersions.length,
    run: () => {
      let sum = 0;
      let previous: unknown;
      for (const { record } of allVersions) {
        const view = { state: record.state, firstRespondedAt: record.firstRespondedAt, openedAt: record.openedAt, priority: record.priority, previous };
        sum += view.state === undefined ? 0 : 1;
        previous = record;
      }
      return sum;
    },
  },
], 15);

compare('Per instant: formatting one instant of the evaluation', [
  { label: 'new Date(ms).toISOString(): what iso() in sla-status.ts does', count: atMs.length, run: () => atMs.reduce((sum, ms) => sum + new Date(ms).toISOString().length, 0) },
  { label: 'sketch: integer formatting (civil from days, padded fields)', count: atMs.length, run: () => atMs.reduce((sum, ms) => sum + isoSketch(ms).length, 0) },
  { label: 'new Date(ms): the allocation alone, for scale', count: atMs.length, run: () => atMs.reduce((sum, ms) => sum + new Date(ms).getTime(), 0) },
], 15);

// The same cases as the benchmark, in a small heap: the benchmark holds 100,000 histories (about
// 5 GB), which makes every young-generation collection dearer.
const some = histories.slice(0, 2_000);
const someVersions = some.reduce((sum, history) => sum + history.versions.length, 0);
const atAsDate = some.map((history) => history.versions.map((version) => ({ at: new Date(version.at), record: version.record })));
compare(`Per history (per step for advanceSla), ${some.length} histories, small heap`, [
  { label: 'evaluateSla, at as instant strings (as in the benchmark)', count: some.length, run: () => some.reduce((sum, history) => sum + evaluateSla(policy, history.versions, { calendars, now: history.now }).targets.length, 0) },
  { label: 'evaluateSla, at as Date (no zod check, no Date.parse)', count: some.length, run: () => some.reduce((sum, history, h) => sum + evaluateSla(policy, atAsDate[h]!, { calendars, now: new Date(history.now) }).targets.length, 0) },
  {
    label: 'advanceSla, per step',
    count: someVersions,
    run: () => {
      let sum = 0;
      for (const history of some) {
        let state: SlaState | undefined;
        for (const version of history.versions) state = advanceSla(policy, state, version, advanceOptions);
        sum += state!.targets.length;
      }
      return sum;
    },
  },
  { label: 'slaStatus of the final state', count: some.length, run: () => some.reduce((sum, history, h) => sum + slaStatus(policy, finalStates[h]!, { calendars, now: history.now }).targets.length, 0) },
], 9);

// advanceSla copies the whole state, segments included, before each step: a step late in a
// history should cost more than an early one.
const byPosition = new Map<number, number[]>();
for (let pass = 0; pass < 3; pass++) {
  for (const history of histories) {
    let state: SlaState | undefined;
    history.versions.forEach((version, k) => {
      const started = performance.now();
      state = advanceSla(policy, state, version, advanceOptions);
      const ns = (performance.now() - started) * 1e6;
      if (pass > 0) byPosition.set(k + 1, [...(byPosition.get(k + 1) ?? []), ns]);
    });
    sink += state!.targets.length;
  }
}
const medianOf = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1]!;
console.log('\n## advanceSla, median cost of the k-th step of a history (timed one call at a time, clock included)');
console.log(`  ${[1, 2, 3, 5, 10, 15, 20, 24].filter((k) => byPosition.has(k)).map((k) => `step ${k}: ${(medianOf(byPosition.get(k)!) / 1000).toFixed(1)} µs`).join(', ')}`);
console.log(`\nChecksum ${sink}`);
