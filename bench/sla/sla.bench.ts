/**
 * The SLA benchmark: the default incident policy on a Berlin service-desk calendar over 100,000
 * incident histories of about 20 versions each, made by the real incident lifecycle. It times a
 * full replay (`evaluateSla`) per history, the incremental step (`advanceSla`) per version and
 * `slaStatus` alone, each beside reference points timed in the same rounds — the default
 * policy written out by hand for these histories (the floor), and the calendar asked once per
 * version and target (what the engines before commit eaf6937 did at least) — and checks first
 * that the incremental form (and the hand-written replay) gives the replay's answer.
 *
 *   npm run bench:sla              full run, the histories as a host reads them from its store
 *                                  (also --stored): made in a child process (write-histories.ts),
 *                                  one JSON line each, and parsed here as they come, so this heap
 *                                  never holds the lifecycle's records; then the replay again
 *                                  page by page, each page parsed from its lines and let go
 *                                  (paged-pass.ts), with the collections the replay sets off
 *                                  counted, in a heap that holds one page (the best case for a
 *                                  collection). About 4 minutes to make the histories, 2 to
 *                                  check and time, 2 page by page
 *   npm run bench:sla -- --lifecycle  the histories as the lifecycle made them in this process:
 *                                  frozen records built over minutes and scattered through the
 *                                  heap (the default up to commit d246952); 6–16 minutes to build
 *   npm run bench:sla -- --reparsed  the same histories, each written to JSON and parsed again
 *                                  here right after building, in a heap the lifecycle's records
 *                                  fill (what --stored did before commit 2b6d7df; a replay of such
 *                                  copies took 1.4 times as long, the hand-written one 1.9:
 *                                  docs/performance.md)
 *   npm run bench:sla -- --quick   smoke run, 2,000 histories, under a minute; figures are not meaningful
 *
 * The full run needs about 6 GB of heap and starts itself again with a larger heap limit when
 * Node's default is smaller (see bench-process.ts); the default layout also keeps the
 * histories' JSON, about 3 GB, outside the heap. Profile with `npx tsx bench/sla/sla.profile.ts`.
 */
// Must come first: it sets NODE_ENV and provides the heap check.
import { ensureHeap, exposedCollector } from './bench-process';
import os from 'node:os';
import v8 from 'node:v8';
import { isDeepStrictEqual } from 'node:util';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  advanceSla,
  businessTimeBetween,
  DEFAULT_INCIDENT_SLA_POLICY,
  evaluateSla,
  slaStatus,
  type Incident,
  type SlaEvaluation,
  type SlaState,
  type SlaVersion,
} from '../../src/index';
import { compiledCalendar } from '../../src/calendar/business-calendar';
import { businessMsBetween } from '../../src/calendar/business-time-between';
import { median, passChecksum, probeChecksum, stopGcObserver, timePass, type ChunkRun, type PassCost, type Probe } from './chunked-pass';
import { pagedRound, StoredLines, type PagedCost, type PagedRound } from './paged-pass';
import { defaultPolicyByHand } from './default-policy-by-hand';
import { incidentHistories, type HistoryMix, type IncidentHistory } from './incident-histories';
import { SERVICE_DESK_HALF_DAYS, SERVICE_DESK_HOLIDAYS, serviceDeskCalendar, serviceDeskDefinition } from './service-desk-calendar';

const QUICK = process.argv.includes('--quick');
/** Where the histories are when they are timed; see the top of this file. */
const LAYOUT: 'lifecycle' | 'stored' | 'reparsed' = process.argv.includes('--lifecycle') ? 'lifecycle' : process.argv.includes('--reparsed') ? 'reparsed' : 'stored';
const LAYOUTS = {
  lifecycle: 'as the lifecycle made the histories (frozen records, built over minutes and scattered through the heap)',
  stored: 'as a host reads histories from its store (made in a child process, one JSON line each, parsed here as they came: fresh objects, laid out together)',
  reparsed: "each history written to JSON and parsed again right after building, in a heap the lifecycle's records fill (fresh objects, placed among those records)",
} as const;
const HISTORIES = QUICK ? 2_000 : 100_000;
const ROUNDS = QUICK ? 1 : 5;
/** Histories per timed chunk. */
const CHUNK = QUICK ? 100 : 1_000;
/** Every n-th history is checked against a full replay; every m-th at every prefix. */
const CHECK_EVERY = QUICK ? 10 : 50;
const CHECK_PREFIXES_EVERY = QUICK ? 50 : 500;
/**
 * For the stored layout: histories per page, and passes, of the replay page by page (see paged-pass.ts).
 * A page's replay leaves about 15 MB of garbage, the size of V8's young generation here, so
 * the one collection a page counts is about as many as V8 would make by itself.
 */
const PAGE = QUICK ? 100 : 4_000;
const PAGED_ROUNDS = QUICK ? 1 : 3;
const GOAL_HISTORY_NS = 10_000;
const GOAL_STEP_NS = 1_000;
/** `new Date` calls in the probe timed before each chunk: about 0.2 ms. */
const DATES_PER_PROBE = 2_000;

if (!QUICK) ensureHeap(8_192);

const began = performance.now();
// Read now, not at the end: on a shared checkout the commit may move while the bench runs.
const commit = commitOfSrc();
const loadAtStart = os.loadavg()[0] ?? Number.NaN;
const progress = (message: string): void =>
  void process.stderr.write(`  ${((performance.now() - began) / 1000).toFixed(1).padStart(6)} s  ${message}\n`);

// ---------------------------------------------------------------------------------------------
// Setup: the histories, built ahead of any timing by the real lifecycle.

const policy = DEFAULT_INCIDENT_SLA_POLICY;
const desk = serviceDeskCalendar();
const calendars = { service_desk: desk };
const deskIndex = compiledCalendar(desk).index;
const advanceOptions = { calendars };
const TARGETS = policy.definition.targets.length;
if (policy.definition.targets.some((target) => target.calendar !== 'service_desk')) throw new Error('every target of the default policy should run on service_desk');

const buildStarted = performance.now();
/** For the stored layout: each history's JSON line as it came, kept outside the heap for the replay page by page. */
const storedLines = new StoredLines();
const { histories, mix } = LAYOUT === 'stored' ? await historiesFromChild(HISTORIES) : builtHere(HISTORIES);
const buildMs = performance.now() - buildStarted;
if (LAYOUT === 'reparsed') {
  // Replaced one by one, so the lifecycle's records can be collected as the copies are made.
  progress('writing every history to JSON and parsing it again');
  for (let h = 0; h < HISTORIES; h++) histories[h] = { now: histories[h]!.now, versions: JSON.parse(JSON.stringify(histories[h]!.versions)) as SlaVersion[] };
}
const versionsBefore = new Float64Array(HISTORIES + 1);
for (let h = 0; h < HISTORIES; h++) versionsBefore[h + 1] = versionsBefore[h]! + histories[h]!.versions.length;
const VERSIONS = versionsBefore[HISTORIES]!;

progress('advancing every history to its final state (for slaStatus)');
const finalStates: SlaState[] = histories.map((history) => {
  let state: SlaState | undefined;
  for (const version of history.versions) state = advanceSla(policy, state, version, advanceOptions);
  return state!;
});
const heapAfterBuildGiB = process.memoryUsage().heapUsed / 2 ** 30;
// Which histories were timed, whatever the layout: the same text from the lifecycle's records and their copies.
const digest = createHash('sha256');
for (const history of histories) digest.update(`${JSON.stringify({ versions: history.versions, now: history.now })}\n`);
const historiesDigest = digest.digest('hex').slice(0, 16);

// ---------------------------------------------------------------------------------------------
// Correctness first: a wrong answer makes speed moot, and the bench stops on one.

const failures: string[] = [];
const fail = (message: string): void => void failures.push(message);

function firstDifference(a: unknown, b: unknown, path = '$'): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

const sameAnswer = (label: string, incremental: SlaEvaluation, replay: SlaEvaluation): void => {
  if (!isDeepStrictEqual(incremental, replay)) fail(`${label}: slaStatus(advanceSla…) differs from evaluateSla: ${firstDifference(incremental, replay)}`);
};

progress('checking: incremental equals replay');
const checked = { final: 0, prefixes: 0, tiled: 0 };
const breaches = { response: 0, resolution: 0, paused: 0, stopped: 0 };
for (let h = 0; h < HISTORIES; h += CHECK_EVERY) {
  const history = histories[h]!;
  const replay = evaluateSla(policy, history.versions, { calendars, now: history.now });
  sameAnswer(`history ${h} at now`, slaStatus(policy, finalStates[h]!, { calendars, now: history.now }), replay);
  checked.final += 1;
  // An independent link to the calendar: a cycle's segments tile it, so their business time is
  // the calendar's business time from its start to its end (or to now).
  for (const target of replay.targets) {
    for (const cycle of target.cycles) {
      const end = cycle.endedAt ?? replay.now;
      const tiled = cycle.segments.reduce((sum, segment) => sum + segment.businessMs, 0);
      const expected = businessTimeBetween(desk, new Date(cycle.startedAt), new Date(end));
      if (tiled !== expected) fail(`history ${h}, ${target.targetId}: segments hold ${tiled} ms of business time, the calendar ${expected} ms from ${cycle.startedAt} to ${end}`);
      checked.tiled += 1;
    }
  }
  const byHand = defaultPolicyByHand(deskIndex, history.versions, history.now);
  const engine = replay.targets.flatMap((target) => [sum(target.cycles.map((cycle) => cycle.elapsedMs)), sum(target.cycles.map((cycle) => cycle.pausedMs))]);
  if (!isDeepStrictEqual(byHand, engine)) fail(`history ${h}: the replay written by hand counts ${byHand.join('/')} ms (elapsed/paused, response then resolution), evaluateSla ${engine.join('/')}`);
  const [response, resolution] = replay.targets;
  if (response?.cycles.some((cycle) => cycle.breached)) breaches.response += 1;
  if (resolution?.cycles.some((cycle) => cycle.breached)) breaches.resolution += 1;
  if (resolution?.cycles.some((cycle) => cycle.pausedMs > 0)) breaches.paused += 1;
  if (resolution?.cycles.some((cycle) => cycle.segments.some((segment) => segment.clock === 'stopped'))) breaches.stopped += 1;
}
for (let h = 0; h < HISTORIES; h += CHECK_PREFIXES_EVERY) {
  const history = histories[h]!;
  let state: SlaState | undefined;
  for (let k = 0; k < history.versions.length; k++) {
    const before = state === undefined ? undefined : JSON.stringify(state);
    const next = advanceSla(policy, state, history.versions[k]!, advanceOptions);
    if (state !== undefined && JSON.stringify(state) !== before) fail(`history ${h}, version ${k}: advanceSla changed the state it was given`);
    state = next;
    const prefix = history.versions.slice(0, k + 1);
    for (const now of [history.versions[k]!.at as string, history.now]) {
      sameAnswer(`history ${h}, first ${k + 1} versions, at ${now}`, slaStatus(policy, state, { calendars, now }), evaluateSla(policy, prefix, { calendars, now }));
      checked.prefixes += 1;
    }
  }
}
if (failures.length > 0) {
  process.stderr.write(`\nCORRECTNESS FAILED (${failures.length}):\n${failures.slice(0, 20).map((line) => `  - ${line}`).join('\n')}\n`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------
// The timed work. One loop per case, so each call site sees one target.

/** `evaluateSla` over the whole history, at its `now`. */
const evaluateChunk: ChunkRun = (first, count) => {
  let sum = 0;
  for (let h = first; h < first + count; h++) {
    const history = histories[h]!;
    sum += evaluateSla(policy, history.versions, { calendars, now: history.now }).targets[1]!.cycles.length;
  }
  return sum;
};

/** `advanceSla` once per version, from no state to the final one. */
const advanceChunk: ChunkRun = (first, count) => {
  let sum = 0;
  for (let h = first; h < first + count; h++) {
    let state: SlaState | undefined;
    for (const version of histories[h]!.versions) state = advanceSla(policy, state, version, advanceOptions);
    sum += state!.targets[1]!.cycles.length;
  }
  return sum;
};

/** `slaStatus` of the final state, at the history's `now`. */
const statusChunk: ChunkRun = (first, count) => {
  let sum = 0;
  for (let h = first; h < first + count; h++) sum += slaStatus(policy, finalStates[h]!, { calendars, now: histories[h]!.now }).targets[1]!.cycles.length;
  return sum;
};

/**
 * The calendar asked at every version, through the public API: read each version's instant,
 * and ask the calendar once per version and target for the business time since the version
 * before (and from the last version to `now`). The floor of the engines that counted every
 * version; the engine now asks only where a clock turns, so it is a reference point, not a floor.
 */
const floorChunk: ChunkRun = (first, count) => {
  let sum = 0;
  for (let h = first; h < first + count; h++) {
    const history = histories[h]!;
    const versions = history.versions;
    let previous = Date.parse(versions[0]!.at as string);
    for (let v = 1; v <= versions.length; v++) {
      const at = Date.parse(v < versions.length ? (versions[v]!.at as string) : history.now);
      for (let t = 0; t < TARGETS; t++) sum += businessTimeBetween(desk, new Date(previous), new Date(at));
      previous = at;
    }
  }
  return sum;
};

/** The same on the calendar's internal epoch-millisecond form: no `Date`, no argument checks. */
const floorMsChunk: ChunkRun = (first, count) => {
  let sum = 0;
  for (let h = first; h < first + count; h++) {
    const history = histories[h]!;
    const versions = history.versions;
    let previous = Date.parse(versions[0]!.at as string);
    for (let v = 1; v <= versions.length; v++) {
      const at = Date.parse(v < versions.length ? (versions[v]!.at as string) : history.now);
      for (let t = 0; t < TARGETS; t++) sum += businessMsBetween(deskIndex, previous, at);
      previous = at;
    }
  }
  return sum;
};

const byHandChunk: ChunkRun = (first, count) => {
  let total = 0;
  for (let h = first; h < first + count; h++) {
    const history = histories[h]!;
    total += defaultPolicyByHand(deskIndex, history.versions, history.now)[2]!;
  }
  return total;
};

/** The machine's speed, timed before every chunk: nothing but `new Date(ms)`. */
const probeBase = Date.parse('2026-11-23T08:00:00.000Z');
const probe: Probe = {
  items: DATES_PER_PROBE,
  run: (first) => {
    let sum = 0;
    for (let k = 0; k < DATES_PER_PROBE; k++) sum += new Date(probeBase + first + k).getTime();
    return sum;
  },
};

interface Case {
  readonly label: string;
  readonly run: ChunkRun;
}
const EVALUATE = 'evaluateSla (replay)';
const ADVANCE = 'advanceSla (every step)';
const STATUS = 'slaStatus (final state)';
const FLOOR = 'calendar at every version: businessTimeBetween';
const FLOOR_MS = 'calendar at every version: epoch ms, internal';
const BY_HAND = 'floor: the default policy by hand';
const cases: Case[] = [
  { label: EVALUATE, run: evaluateChunk },
  { label: ADVANCE, run: advanceChunk },
  { label: STATUS, run: statusChunk },
  { label: FLOOR, run: floorChunk },
  { label: FLOOR_MS, run: floorMsChunk },
  { label: BY_HAND, run: byHandChunk },
];

// Warm-up: every case over a slice, so the timed rounds see compiled code.
progress('warming up');
for (const { run } of cases) run(0, Math.min(HISTORIES, 2_000));
probe.run(0, 1);

const rounds = new Map<string, PassCost[]>();
for (let round = 1; round <= ROUNDS; round++) {
  // Rotate the order each round, so no case always follows the same one.
  const order = cases.map((_, k) => cases[(k + round - 1) % cases.length]!);
  for (const { label, run } of order) {
    progress(`timing ${label} (round ${round} of ${ROUNDS})`);
    const cost = await timePass(run, HISTORIES, CHUNK, versionsBefore, probe);
    rounds.set(label, [...(rounds.get(label) ?? []), cost]);
  }
}

// What the report says of the histories, read before the stored layout lets them go for the replay page by page.
const lengths = histories.map((history) => history.versions.length);
const priorities = [1, 2, 3, 4, 5].map((p) => histories.filter((history) => (history.versions[0]!.record as Incident).priority === p).length);
const crossing = lifetimesCrossing(histories);
/** What the replay page by page computed, printed with the checksum. */
let pagedSink = 0;
const paged = LAYOUT === 'stored' ? await replayPageByPage() : undefined;
stopGcObserver();

// ---------------------------------------------------------------------------------------------
// Report.

const byRound = (label: string): PassCost[] => rounds.get(label)!;
const best = (label: string, pick: (cost: PassCost) => number): number => Math.min(...byRound(label).map(pick));
const medianOf = (label: string, pick: (cost: PassCost) => number): number => median(byRound(label).map(pick));
const perHistory = (cost: PassCost): number => cost.perItemNs;
const perVersion = (cost: PassCost): number => cost.perWeightNs;
const meanPerHistory = (cost: PassCost): number => cost.meanPerItemNs;
const withoutGcPerHistory = (cost: PassCost): number => ((cost.totalMs - cost.gcMs) * 1e6) / HISTORIES;

const lines: string[] = [];
const say = (line = ''): void => void lines.push(line);
const cpus = os.cpus();
say('# itsm-kit SLA benchmark');
say();
say(`Machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'} (${cpus.length} logical CPUs), ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()} ${os.arch()}`);
say(`Runtime: Node ${process.version}, NODE_ENV=${process.env.NODE_ENV}, heap limit ${(v8.getHeapStatistics().heap_size_limit / 2 ** 30).toFixed(1)} GiB; commit ${commit}; ${QUICK ? 'QUICK smoke run: figures not meaningful' : 'full run'}`);
say(`Layout: ${LAYOUTS[LAYOUT]}`);
say(`Date: ${new Date().toISOString()}; 1-minute load average at start ${loadAtStart.toFixed(2)}, at end ${(os.loadavg()[0] ?? Number.NaN).toFixed(2)}`);
say();
const definition = serviceDeskDefinition();
say(`Policy: ${policy.definition.id} (${policy.definition.targets.map((target) => target.id).join(', ')}). Calendar service_desk: Mon–Fri 08:00–18:00 ${definition.timeZone}, ` +
  `${SERVICE_DESK_HOLIDAYS.length} holidays (Berlin ${SERVICE_DESK_HOLIDAYS[0]!.slice(0, 4)}–${SERVICE_DESK_HOLIDAYS.at(-1)!.slice(0, 4)}), ${SERVICE_DESK_HALF_DAYS.length} half days (24 and 31 December, 08:00–12:00).`);
const pct = (n: number, of = HISTORIES): string => `${((100 * n) / of).toFixed(1)} %`;
say(`Histories: ${HISTORIES.toLocaleString('en')} incidents, ${VERSIONS.toLocaleString('en')} versions (${(VERSIONS / HISTORIES).toFixed(1)} per history, ` +
  `${Math.min(...lengths)}–${Math.max(...lengths)}, median ${median(lengths)}), ` +
  (LAYOUT === 'stored'
    ? `made in a child process and read here in ${(buildMs / 1000).toFixed(0)} s`
    : `built in ${(buildMs / 1000).toFixed(0)} s (${((buildMs * 1000) / (VERSIONS - HISTORIES)).toFixed(0)} µs per lifecycle event)`) +
  `; heap after building ${heapAfterBuildGiB.toFixed(1)} GiB; SHA-256 of their JSON ${historiesDigest} (the same in every layout).`);
say(`Mix: priority at opening P1–P5 ${priorities.map((n) => pct(n)).join(' / ')}; put on hold ${pct(mix.onHold)}; urgency changed ${pct(mix.priorityChanged)}; ` +
  `reopened ${pct(mix.reopened)}; closed ${pct(mix.closed)}; canceled ${pct(mix.canceled)}; still open at now ${pct(mix.stillOpen)}.`);
say(`Lifetimes (opening to the last version, or to now when open) that span a night ${pct(crossing.night)}, a weekend day ${pct(crossing.weekend)}, a holiday or half day ${pct(crossing.holiday)}.`);
const sample = checked.final;
say(`In the checked sample (${sample.toLocaleString('en')} histories): response breached ${pct(breaches.response, sample)}, resolution breached ${pct(breaches.resolution, sample)}, ` +
  `resolution paused ${pct(breaches.paused, sample)}, resolution resumed after a reopen ${pct(breaches.stopped, sample)}.`);
say();
say('## Correctness');
say();
say(`- incremental equals replay: slaStatus(advanceSla …) deep-equals evaluateSla on ${checked.final.toLocaleString('en')} histories at now, ` +
  `and on every prefix of ${Math.ceil(HISTORIES / CHECK_PREFIXES_EVERY)} histories at the prefix's last version and at now (${checked.prefixes.toLocaleString('en')} comparisons): all equal`);
say('- advanceSla never changed the state it was given (same prefixes)');
say(`- segments tile their cycle: on ${checked.tiled.toLocaleString('en')} cycles, the segments' business time equals businessTimeBetween(startedAt, endedAt or now)`);
say(`- the default policy written out by hand (the floor below) counts the engine's elapsed and paused time, per target, on the same ${checked.final.toLocaleString('en')} histories`);
say();
say(`## Cost (${ROUNDS} rounds; each figure is the median over the ${byRound(EVALUATE)[0]!.chunks} chunks of ${CHUNK} histories in a pass over all of them)`);
say();
say('| case | per history: best round | median of rounds | whole pass ÷ histories (median of rounds) | same, GC time taken out | per version (step): best round | median of rounds | ÷ calendar at every version | ÷ same, epoch ms | ÷ by hand |');
say('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
// Ratios are taken round by round, against the floor timed in the same round, then the median.
const ratioTo = (label: string, floor: string): number => median(byRound(label).map((cost, round) => cost.perItemNs / byRound(floor)[round]!.perItemNs));
for (const label of [EVALUATE, ADVANCE, STATUS, FLOOR, FLOOR_MS, BY_HAND]) {
  say(`| ${label} | ${formatNs(best(label, perHistory))} | ${formatNs(medianOf(label, perHistory))} | ${formatNs(medianOf(label, meanPerHistory))} | ${formatNs(medianOf(label, withoutGcPerHistory))} | ` +
    `${formatNs(best(label, perVersion))} | ${formatNs(medianOf(label, perVersion))} | ${ratioTo(label, FLOOR).toFixed(2)}× | ${ratioTo(label, FLOOR_MS).toFixed(2)}× | ${ratioTo(label, BY_HAND).toFixed(2)}× |`);
}
say();
say(`By round, each case: per history, then the probe timed before each chunk (\`new Date(ms)\`, ns per Date, median over the pass: a pass in which it is slow ran in a busy spell), ` +
  'then the whole pass and the garbage collection in it.');
for (const label of [EVALUATE, ADVANCE, STATUS, FLOOR, FLOOR_MS, BY_HAND]) {
  say(`- ${label}: ${byRound(label).map((cost) => formatNs(cost.perItemNs)).join(' / ')}; probe ${byRound(label).map((cost) => cost.probeNs.toFixed(0)).join(' / ')} ns; ` +
    `pass ${byRound(label).map((cost) => (cost.totalMs / 1000).toFixed(2)).join(' / ')} s, of it GC ${byRound(label).map((cost) => (cost.gcMs / 1000).toFixed(2)).join(' / ')} s ` +
    `(full and incremental marking ${byRound(label).map((cost) => (cost.majorGcMs / 1000).toFixed(2)).join(' / ')} s)`);
}
const pagedMedian = (pick: (round: PagedRound) => PagedCost, field: keyof PagedCost): number => median(paged!.map((round) => pick(round)[field]));
const pagedReplay = paged === undefined ? undefined : pagedMedian((round) => round.run, 'perHistoryNs');
if (paged !== undefined) {
  say();
  say(`## Page by page, as a host replays what it reads from its store (${PAGED_ROUNDS} passes, pages of ${PAGE.toLocaleString('en')} histories)`);
  say();
  say('Each page is parsed from its JSON lines, settled (the young generation collected twice, so the page is promoted: parsing and copying it are the cost of reading it, timed apart below), ' +
    'timed whole, and let go. Every timed page ends with a collection of the young generation inside its timing, so the garbage the timed work left is collected and counted on its page: ' +
    `one collection a page, about as many as V8 would make by itself when a page of ${PAGE.toLocaleString('en')} leaves about its young generation's worth of garbage (fewer histories a page, and these figures err high). ` +
    'The heap holds one page, not every history: a small heap, where a collection is cheap; its cost grows with the live data a heap holds ' +
    '(in a full run, the whole pass above, with every history held, pays about 10 ms a collection).');
  say();
  say('| case | per history, its collections included (median of passes) | of it collections | of those, full collections and marking |');
  say('|---|---:|---:|---:|');
  for (const [label, pick] of [[EVALUATE, (round: PagedRound) => round.run], [BY_HAND, (round: PagedRound) => round.floor]] as const) {
    say(`| ${label} | ${formatNs(pagedMedian(pick, 'perHistoryNs'))} | ${formatNs(pagedMedian(pick, 'gcPerHistoryNs'))} | ${formatNs(pagedMedian(pick, 'majorGcPerHistoryNs'))} |`);
  }
  say();
  say(`By pass, evaluateSla: ${paged.map((round) => formatNs(round.run.perHistoryNs)).join(' / ')}; the floor: ${paged.map((round) => formatNs(round.floor.perHistoryNs)).join(' / ')}; ` +
    `not counted: parsing ${paged.map((round) => formatNs(round.parsePerHistoryNs)).join(' / ')} and settling ${paged.map((round) => formatNs(round.settlePerHistoryNs)).join(' / ')} a history; ` +
    `heap after each pass ${paged.map((round) => `${round.heapMiB.toFixed(0)} MiB`).join(', ')}.`);
}
const evaluateBest = best(EVALUATE, perHistory);
const evaluateMedian = medianOf(EVALUATE, perHistory);
const stepBest = best(ADVANCE, perVersion);
const stepMedian = medianOf(ADVANCE, perVersion);
say();
say('## Goals');
say();
const wholePass = medianOf(EVALUATE, meanPerHistory);
const verdict = (ns: number): string => (ns < GOAL_HISTORY_NS ? 'under' : 'OVER');
say(`- evaluateSla under ${formatNs(GOAL_HISTORY_NS)} per history: ${formatNs(evaluateBest)} (best round), ${formatNs(evaluateMedian)} (median of rounds), ` +
  `${formatNs(wholePass)} (whole pass), ${formatNs(medianOf(EVALUATE, withoutGcPerHistory))} (whole pass, GC taken out): ` +
  `${evaluateMedian < GOAL_HISTORY_NS ? 'MET' : evaluateBest < GOAL_HISTORY_NS ? 'met in the best round only' : 'NOT MET'} by the chunk median; ` +
  `the whole pass, collections included, ${verdict(wholePass)} the goal with every history held at once` +
  (pagedReplay === undefined ? '' : ` and ${verdict(pagedReplay)} it page by page with the collections it sets off (${formatNs(pagedReplay)})`));
const stepWholePass = median(byRound(ADVANCE).map((cost) => (cost.totalMs * 1e6) / VERSIONS));
say(`- advanceSla under ${formatNs(GOAL_STEP_NS)} per step: ${formatNs(stepBest)} (best round), ${formatNs(stepMedian)} (median of rounds), ` +
  `${formatNs(stepWholePass)} (whole pass), ${formatNs(median(byRound(ADVANCE).map((cost) => ((cost.totalMs - cost.gcMs) * 1e6) / VERSIONS)))} (whole pass, GC taken out): ` +
  `${stepMedian < GOAL_STEP_NS ? 'MET' : stepBest < GOAL_STEP_NS ? 'met in the best round only' : 'NOT MET'} by the chunk median; ` +
  `the whole pass, collections included, ${stepWholePass < GOAL_STEP_NS ? 'under' : 'OVER'} the goal with every history held at once`);
say();
say(`Checksum of the timed work ${passChecksum()}${paged === undefined ? '' : `, page by page ${pagedSink}`} (of the probe ${probeChecksum()})`);
process.stdout.write(`${lines.join('\n')}\n`);

// ---------------------------------------------------------------------------------------------

function builtHere(count: number): { histories: IncidentHistory[]; mix: HistoryMix } {
  progress(`building ${count.toLocaleString('en')} incident histories through openIncident / applyIncidentEvent`);
  return incidentHistories(count, undefined, (done) => {
    if (done % (QUICK ? 1000 : 10_000) === 0) progress(`  ${done.toLocaleString('en')} histories`);
  });
}

/**
 * The histories made by write-histories.ts in a child process, parsed as its lines come: the
 * same histories as {@link builtHere} makes, the same seed, in the same order. They come on a
 * pipe of their own (file descriptor 3), so nothing else the child or its runtime prints to
 * standard output can mix with them.
 */
async function historiesFromChild(count: number): Promise<{ histories: IncidentHistory[]; mix: HistoryMix }> {
  progress(`building ${count.toLocaleString('en')} incident histories in a child process, reading them here as JSON lines`);
  const writer = fileURLToPath(new URL('write-histories.ts', import.meta.url));
  const child = spawn(process.execPath, [...loaderFlags(process.execArgv), writer, String(count)], { stdio: ['ignore', 'inherit', 'inherit', 'pipe'] });
  // Listened to at once, so a child that cannot start is reported where it is awaited below.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  exited.catch(() => undefined);
  const histories: IncidentHistory[] = [];
  let mix: HistoryMix | undefined;
  let line = 0;
  try {
    const data = child.stdio[3] as NodeJS.ReadableStream;
    for await (const text of createInterface({ input: data, crlfDelay: Infinity })) {
      line += 1;
      let parsed: IncidentHistory | { mix: HistoryMix };
      try {
        parsed = JSON.parse(text) as IncidentHistory | { mix: HistoryMix };
      } catch (cause) {
        throw new Error(`write-histories.ts wrote line ${line} that is no JSON`, { cause });
      }
      if ('mix' in parsed) mix = parsed.mix;
      else {
        histories.push(parsed);
        storedLines.push(text);
        if (histories.length % (QUICK ? 1000 : 10_000) === 0) progress(`  ${histories.length.toLocaleString('en')} histories`);
      }
    }
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill();
  }
  const { code, signal } = await exited;
  if (code !== 0 || mix === undefined || mix.histories !== count || histories.length !== count) {
    throw new Error(`write-histories.ts ended with ${signal === null ? `status ${code}` : `signal ${signal}`} after ${histories.length} of ${count} histories${mix === undefined ? ', without its mix' : ''}`);
  }
  return { histories, mix };
}

/**
 * The replay page by page over the stored lines, after every history held here is let go (the
 * report has read what it needs of them): see paged-pass.ts.
 */
async function replayPageByPage(): Promise<PagedRound[]> {
  histories.length = 0;
  finalStates.length = 0;
  // Collections on demand: of the histories let go, before the first pass; of the young
  // generation, before a settled page and at the end of every timed page.
  const collect = exposedCollector();
  // Twice: a full collection first finishes sweeping what the one before freed (here the 4 GB
  // of histories), which would otherwise go on, on this thread and others, into the first pass.
  collect({ type: 'major' });
  collect({ type: 'major' });
  const collectYoung = (): void => collect({ type: 'minor' });
  const parse = (text: string): IncidentHistory => JSON.parse(text) as IncidentHistory;
  const replay = (history: IncidentHistory): number => evaluateSla(policy, history.versions, { calendars, now: history.now }).targets[1]!.cycles.length;
  const byHand = (history: IncidentHistory): number => defaultPolicyByHand(deskIndex, history.versions, history.now)[2]!;
  const keep = (value: number): void => void (pagedSink += value);
  // A pass untimed first: the loops that time the pages are new code to compile, and the heap,
  // shrunk by the collections above, grows again into memory the system has to map afresh.
  progress('warming up the replay page by page (one pass, not timed)');
  await pagedRound(storedLines, storedLines.length, PAGE, parse, replay, byHand, collectYoung, keep);
  const rounds: PagedRound[] = [];
  for (let round = 1; round <= PAGED_ROUNDS; round++) {
    progress(`timing the replay page by page (pass ${round} of ${PAGED_ROUNDS})`);
    rounds.push(await pagedRound(storedLines, storedLines.length, PAGE, parse, replay, byHand, collectYoung, keep));
  }
  return rounds;
}

/**
 * The flags that load TypeScript (tsx's `--require` and `--import`, any `--loader`) out of this
 * process's runtime flags: what the child needs to run write-histories.ts, and nothing that
 * would make it print, profile or wait for a debugger.
 */
function loaderFlags(flags: readonly string[]): string[] {
  const kept: string[] = [];
  const loaders = ['--require', '-r', '--import', '--loader', '--experimental-loader'];
  for (let index = 0; index < flags.length; index++) {
    const flag = flags[index]!;
    const name = flag.split('=')[0]!;
    if (!loaders.includes(name)) continue;
    kept.push(flag);
    if (!flag.includes('=') && index + 1 < flags.length) kept.push(flags[++index]!);
  }
  return kept;
}

/** The commit of the checkout, and whether its src differs from it. */
function commitOfSrc(): string {
  try {
    const head = execFileSync('git', ['log', '-1', '--format=%h'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head} (src has uncommitted changes)` : head;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function formatNs(ns: number): string {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e4) return `${(ns / 1e3).toFixed(1)} µs`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`;
  return `${ns.toFixed(0)} ns`;
}

/**
 * How many lifetimes span a night, a weekend day, a holiday or half day, in Berlin dates (the
 * process zone is Berlin, see process-time-zone.ts).
 */
function lifetimesCrossing(all: readonly IncidentHistory[]): { night: number; weekend: number; holiday: number } {
  const closed = new Set([...SERVICE_DESK_HOLIDAYS, ...SERVICE_DESK_HALF_DAYS]);
  const localDate = (date: Date): string =>
    `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  const counts = { night: 0, weekend: 0, holiday: 0 };
  for (const history of all) {
    const last = history.versions.at(-1)!;
    const open = ['new', 'in_progress', 'on_hold'].includes((last.record as Incident).state);
    const from = new Date(history.versions[0]!.at);
    const to = new Date(open ? history.now : last.at);
    const lastDate = localDate(to);
    let weekend = false;
    let holiday = false;
    for (let day = new Date(from.getFullYear(), from.getMonth(), from.getDate()); ; day = new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1)) {
      const date = localDate(day);
      if (day.getDay() === 0 || day.getDay() === 6) weekend = true;
      if (closed.has(date)) holiday = true;
      if (date >= lastDate) break;
    }
    if (localDate(from) !== lastDate) counts.night += 1;
    if (weekend) counts.weekend += 1;
    if (holiday) counts.holiday += 1;
  }
  return counts;
}
