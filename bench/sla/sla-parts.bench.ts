/**
 * The parts behind the SLA benchmark's figures, on 2,000 histories in a small heap: the same
 * histories as the lifecycle made them (frozen, scattered over the heap by twelve minutes of
 * building) and parsed again from JSON (fresh objects, as `--reparsed` makes them), each replayed by
 * `evaluateSla`, stepped by `advanceSla`, and replayed by the default policy written out by
 * hand; a replay taken apart (reading the instants, then the conditions, then stepping the
 * clocks: what is left of `evaluateSla` is writing the evaluation and checking its arguments);
 * what reading the three fields the policy needs costs on each; and what this machine charges
 * for the operations the analysis in docs/performance.md names.
 *
 *   npm run bench:sla:parts      under a minute
 *
 * Each figure is the best of 9 rounds, the cases alternating within a round.
 */
// Must come first: it sets NODE_ENV like the benchmark does.
import './bench-process';
import os from 'node:os';
import { advanceSla, DEFAULT_INCIDENT_SLA_POLICY, evaluateSla, type SlaState, type SlaVersion } from '../../src/index';
import { compiledCalendar } from '../../src/calendar/business-calendar';
import { parseInstantText } from '../../src/calendar/instant-text';
import { initialSlaState, stepSla } from '../../src/sla/advance-sla';
import { targetCalendars } from '../../src/sla/evaluate-sla';
import { compiledSlaPolicy } from '../../src/sla/sla-policy';
import { defaultPolicyByHand } from './default-policy-by-hand';
import { incidentHistories } from './incident-histories';
import { serviceDeskCalendar } from './service-desk-calendar';

const HISTORIES = 2_000;
const ROUNDS = 9;
const policy = DEFAULT_INCIDENT_SLA_POLICY;
const desk = serviceDeskCalendar();
const calendars = { service_desk: desk };
const deskIndex = compiledCalendar(desk).index;
const compiled = compiledSlaPolicy(policy);
const targetIndexes = targetCalendars(compiled, calendars);

process.stderr.write(`building ${HISTORIES} histories\n`);
const { histories: made } = incidentHistories(HISTORIES);
const layouts = {
  'as the lifecycle made them (frozen)': made.map((history) => ({ now: history.now, versions: history.versions })),
  'parsed again from JSON (fresh objects)': made.map((history) => ({ now: history.now, versions: JSON.parse(JSON.stringify(history.versions)) as SlaVersion[] })),
};
const versions = made.reduce((sum, history) => sum + history.versions.length, 0);
let sink = 0;

type Layout = (typeof layouts)[keyof typeof layouts];
const perLayout: Record<string, { unit: 'history' | 'version'; run: (layout: Layout) => void }> = {
  evaluateSla: { unit: 'history', run: (layout) => { for (const history of layout) sink += evaluateSla(policy, history.versions, { calendars, now: history.now }).targets.length; } },
  // A replay taken apart: each row does what the one before does, and one thing more.
  '  of it, reading each version’s instant': { unit: 'history', run: (layout) => { for (const history of layout) for (const version of history.versions) sink += parseInstantText(version.at as string); } },
  '  that, and every target’s conditions and duration': {
    unit: 'history',
    run: (layout) => {
      for (const history of layout) {
        let previous: Readonly<Record<string, unknown>> | undefined;
        for (const { at, record } of history.versions) {
          sink += parseInstantText(at as string);
          for (const reading of compiled.readings) sink += reading(record, previous);
          for (const target of compiled.targets) sink += target.durationFor(record) ?? 0;
          previous = record;
        }
      }
    },
  },
  '  that, and stepping the clocks (the replay, writing no evaluation)': {
    unit: 'history',
    run: (layout) => {
      for (const history of layout) {
        const state = initialSlaState(compiled);
        for (const { at, record } of history.versions) stepSla(compiled, state, record, parseInstantText(at as string), targetIndexes);
        sink += state.targets.length;
      }
    },
  },
  'the default policy by hand': { unit: 'history', run: (layout) => { for (const history of layout) sink += defaultPolicyByHand(deskIndex, history.versions, history.now)[2]!; } },
  'advanceSla, per step': {
    unit: 'version',
    run: (layout) => {
      for (const history of layout) {
        let state: SlaState | undefined;
        for (const version of history.versions) state = advanceSla(policy, state, version, { calendars });
        sink += state!.targets.length;
      }
    },
  },
  'reading state, priority and firstRespondedAt, per version': {
    unit: 'version',
    run: (layout) => {
      for (const history of layout) {
        for (const { record } of history.versions) sink += (record['state'] === 'on_hold' ? 1 : 0) + (record['priority'] as number) + (record['firstRespondedAt'] === undefined ? 0 : 1);
      }
    },
  },
};

// The machine: operations the analysis names, each over a batch.
const base = Date.UTC(2026, 0, 1);
const texts = Array.from({ length: 4_000 }, (_, index) => new Date(base + index * 7_919_123).toISOString());
const machine: Record<string, { per: number; run: () => void }> = {
  'a turn of a loop of a dependent add and multiply': {
    per: 1e7,
    run: () => {
      let value = 0;
      for (let index = 0; index < 1e7; index++) value = (value + index * 3) | 0;
      sink += value;
    },
  },
  'Date.parse of an ISO instant': { per: texts.length, run: () => { for (const text of texts) sink += Date.parse(text); } },
  'the library’s fixed-format instant parser': { per: texts.length, run: () => { for (const text of texts) sink += parseInstantText(text); } },
  'new Date(ms)': { per: 1e5, run: () => { for (let index = 0; index < 1e5; index++) sink += new Date(base + index).getTime(); } },
  'a small object literal': { per: 1e5, run: () => { for (let index = 0; index < 1e5; index++) sink += ({ from: index, to: index + 1, clock: 'running', businessMs: 5 }).to; } },
  'the same, then Object.freeze': { per: 1e5, run: () => { for (let index = 0; index < 1e5; index++) sink += Object.freeze({ from: index, to: index + 1, clock: 'running', businessMs: 5 }).to; } },
};

const best = new Map<string, number>();
const time = (key: string, per: number, run: () => void): void => {
  const started = performance.now();
  run();
  const ns = ((performance.now() - started) * 1e6) / per;
  best.set(key, Math.min(best.get(key) ?? Number.POSITIVE_INFINITY, ns));
};
for (let round = 0; round < ROUNDS; round++) {
  process.stderr.write(`round ${round + 1} of ${ROUNDS}\n`);
  for (const [name, { unit, run }] of Object.entries(perLayout)) {
    for (const [layout, data] of Object.entries(layouts)) time(`${name}|${layout}`, unit === 'history' ? HISTORIES : versions, () => run(data));
  }
  for (const [name, { per, run }] of Object.entries(machine)) time(name, per, run);
}

const format = (ns: number): string => (ns >= 1000 ? `${(ns / 1000).toFixed(2)} µs` : `${ns.toFixed(ns < 10 ? 2 : 0)} ns`);
const lines: string[] = [];
lines.push(`# SLA parts: ${HISTORIES.toLocaleString('en')} histories, ${versions.toLocaleString('en')} versions; best of ${ROUNDS} rounds`);
lines.push('');
lines.push(`${os.cpus()[0]?.model.trim() ?? 'unknown CPU'} (${os.cpus().length} logical CPUs), Node ${process.version}, NODE_ENV=${process.env.NODE_ENV}, load average ${os.loadavg()[0]?.toFixed(2)}`);
lines.push('');
lines.push(`| case | ${Object.keys(layouts).join(' | ')} |`);
lines.push('|---|---:|---:|');
for (const [name, { unit }] of Object.entries(perLayout)) {
  lines.push(`| ${name} (per ${unit}) | ${Object.keys(layouts).map((layout) => format(best.get(`${name}|${layout}`)!)).join(' | ')} |`);
}
lines.push('');
lines.push('| this machine | cost |');
lines.push('|---|---:|');
for (const name of Object.keys(machine)) lines.push(`| ${name} | ${format(best.get(name)!)} |`);
lines.push('');
lines.push(`Checksum ${sink}`);
process.stdout.write(`${lines.join('\n')}\n`);
