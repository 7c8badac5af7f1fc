/**
 * Incident histories for the SLA benchmark, made by the real lifecycle: each incident is opened
 * with `openIncident` and driven through `applyIncidentEvent` by a seeded script — assignment,
 * start, comments and work notes, holds and resumes, a change of urgency (and so of priority),
 * resolution, sometimes a reopen, closing — with gaps from a minute to several days, so the
 * clocks run across nights, weekends and the holidays of the calendar. The same seed always
 * gives the same histories.
 */
import { applyIncidentEvent, openIncident, type Incident, type IncidentEvent, type SlaVersion } from '../../src/index';

/** One record's history and the instant to evaluate it at. */
export interface IncidentHistory {
  /** Every version, oldest first, each with its `updatedAt` as `at` (an instant string). */
  readonly versions: readonly SlaVersion[];
  /** A little after the last version. */
  readonly now: string;
}

/** What the script did, over all histories: the bench prints it so a reader can judge the mix. */
export interface HistoryMix {
  histories: number;
  versions: number;
  onHold: number;
  priorityChanged: number;
  reopened: number;
  closed: number;
  canceled: number;
  stillOpen: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The seed of the bench's histories. */
export const HISTORY_SEED = 20_261_123;

const OPENED_FROM = Date.UTC(2026, 0, 1);
const OPENED_DAYS = 2 * 365;

const CALLER_HOLD_REASONS = ['awaiting_caller'] as const;
const OTHER_HOLD_REASONS = ['awaiting_vendor', 'awaiting_change', 'awaiting_problem'] as const;
const RESOLUTION_CODES = ['solved_permanently', 'solved_workaround', 'solved_remotely', 'not_solved_not_reproducible'] as const;

/** A small seeded PRNG (mulberry32), as in bench-inputs.ts: reproducible without a dependency. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * `count` incident histories of about 20 versions each (16–24 planned; holds, a reopen or an
 * early end move it a little). `onProgress` is called every 1,000 histories.
 */
export function incidentHistories(count: number, seed = HISTORY_SEED, onProgress?: (done: number) => void): { histories: IncidentHistory[]; mix: HistoryMix } {
  const histories: IncidentHistory[] = [];
  const mix = eachIncidentHistory(count, seed, (history) => {
    histories.push(history);
    if (onProgress !== undefined && histories.length % 1000 === 0) onProgress(histories.length);
  });
  return { histories, mix };
}

/**
 * The same histories as {@link incidentHistories}, in the same order, handed to `visit` one at a
 * time as each is made and not kept: a writer can pass them on while the lifecycle's records of
 * the ones before are collected.
 */
export function eachIncidentHistory(count: number, seed: number, visit: (history: IncidentHistory) => void): HistoryMix {
  const random = mulberry32(seed);
  const mix: HistoryMix = { histories: count, versions: 0, onHold: 0, priorityChanged: 0, reopened: 0, closed: 0, canceled: 0, stillOpen: 0 };
  for (let n = 0; n < count; n++) {
    const history = oneHistory(random, n, mix);
    mix.versions += history.versions.length;
    visit(history);
  }
  return mix;
}

function oneHistory(random: () => number, n: number, mix: HistoryMix): IncidentHistory {
  const chance = (p: number): boolean => random() < p;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  /** Log-uniform between `min` and `max`: as many gaps of minutes as of hours as of days. */
  const gap = (min: number, max: number): number => Math.round(min * Math.exp(random() * Math.log(max / min)));

  let ids = 0;
  const newId = (): string => `i${n}-${ids++}`;
  const caller = { kind: 'user' as const, id: `caller-${n % 5000}` };
  const agent = { kind: 'user' as const, id: `agent-${n % 40}` };
  const group = { kind: 'group' as const, id: `group-${n % 8}` };

  let at = openingInstant(random);
  const impact = chance(0.1) ? 1 : chance(0.45) ? 2 : 3;
  const urgency = chance(0.15) ? 1 : chance(0.5) ? 2 : 3;
  // Urgent incidents are worked faster: their gaps are shorter.
  const pace = [0.1, 0.25, 0.6, 1, 1.5][impact + urgency - 2]!;
  const workGap = (): number => gap(MINUTE, 2 * DAY * pace + 10 * MINUTE);

  let incident: Incident = openIncident(
    { shortDescription: `Incident ${n}`, caller, impact, urgency, category: 'software' },
    { now: new Date(at).toISOString(), actor: caller, newId, tenantId: 'bench', number: `INC${String(n).padStart(7, '0')}` },
  ).record;
  const versions: SlaVersion[] = [{ at: incident.updatedAt, record: incident }];
  const apply = (event: IncidentEvent, by = agent, after = workGap()): void => {
    at += after;
    incident = applyIncidentEvent(incident, event, { now: new Date(at).toISOString(), actor: by, newId }).record;
    versions.push({ at: incident.updatedAt, record: incident });
  };
  const note = (): void => {
    if (chance(0.6)) apply({ type: 'comment', visibility: 'work_note', body: 'Checked the logs' });
    else if (chance(0.7)) apply({ type: 'comment', visibility: 'comment', body: 'We are looking into it' });
    else apply({ type: 'comment', visibility: 'comment', body: 'Any news?' }, caller);
  };

  const planned = 16 + Math.floor(random() * 9);
  // A few incidents end early, still open at `now`, so live clocks are timed as well.
  const endsOpen = chance(0.15);
  const stopAt = endsOpen ? 3 + Math.floor(random() * (planned - 6)) : Number.POSITIVE_INFINITY;
  const done = (): boolean => versions.length >= stopAt;

  // Milestones first; comments fill the rest of the planned versions, spread over the work.
  apply({ type: 'assign', assignmentGroup: group }, agent, gap(MINUTE, 4 * HOUR));
  if (chance(0.6)) apply({ type: 'assign', assignee: agent }, agent, gap(MINUTE, 8 * HOUR * pace + MINUTE));
  if (!done()) apply({ type: 'start', note: 'Taking this' });
  const holds = chance(0.45) ? (chance(0.3) ? 2 : 1) : 0;
  const retriage = chance(0.25);
  const reopens = chance(0.15);
  const cancels = chance(0.02);
  // Versions the milestones still take: holds two each, retriage one, resolve, close, reopen + re-resolve.
  const milestones = holds * 2 + (retriage ? 1 : 0) + 2 + (reopens ? 2 : 0);
  const fill = Math.max(0, planned - versions.length - milestones);
  const slots = holds + (retriage ? 1 : 0) + 1;
  const perSlot = (slot: number): number => Math.floor(fill / slots) + (slot < fill % slots ? 1 : 0);
  let slot = 0;
  const work = (): void => {
    for (let k = perSlot(slot++); k > 0 && !done(); k--) note();
  };

  work();
  if (retriage && !done()) {
    const next = urgency === 1 ? 2 : urgency - 1;
    apply({ type: 'update', urgency: chance(0.7) ? next : Math.min(3, urgency + 1) });
    mix.priorityChanged += 1;
    work();
  }
  for (let h = 0; h < holds && !done(); h++) {
    const forCaller = chance(0.5);
    apply({ type: 'put_on_hold', reason: forCaller ? pick(CALLER_HOLD_REASONS) : pick(OTHER_HOLD_REASONS), note: 'Waiting' });
    if (h === 0) mix.onHold += 1;
    if (done()) break;
    // On hold for an hour to most of a week; a caller's reply resumes an incident waiting for them.
    const held = gap(HOUR, 5 * DAY);
    if (forCaller && chance(0.6)) apply({ type: 'comment', visibility: 'comment', body: 'Here is the screenshot' }, caller, held);
    else apply({ type: 'resume', note: 'Back on it' }, agent, held);
    work();
  }
  if (done()) return ended(versions, at, random, mix);
  if (cancels) {
    apply({ type: 'cancel', reason: 'Raised by mistake' });
    mix.canceled += 1;
    return ended(versions, at, random, mix);
  }
  apply({ type: 'resolve', resolutionCode: pick(RESOLUTION_CODES), resolutionNotes: 'Fixed' });
  if (reopens) {
    apply({ type: 'reopen', reason: 'Still broken' }, caller, gap(HOUR, 3 * DAY));
    mix.reopened += 1;
    if (!done()) note();
    apply({ type: 'resolve', resolutionCode: pick(RESOLUTION_CODES), resolutionNotes: 'Fixed for real' });
  }
  if (chance(0.85)) {
    apply({ type: 'close', note: 'Confirmed by the caller' }, caller, gap(HOUR, 7 * DAY));
    mix.closed += 1;
  }
  return ended(versions, at, random, mix);
}

function ended(versions: SlaVersion[], lastAt: number, random: () => number, mix: HistoryMix): IncidentHistory {
  const last = versions.at(-1)!.record as Incident;
  if (['new', 'in_progress', 'on_hold'].includes(last.state)) mix.stillOpen += 1;
  // Evaluated a minute to a day after the last version.
  const now = new Date(lastAt + Math.round(MINUTE * Math.exp(random() * Math.log(24 * 60)))).toISOString();
  return { versions, now };
}

/**
 * When an incident is opened: 60 % in office hours on a weekday, the rest at any time of any
 * day (nights, weekends, holidays), whole minutes, in 2026–2027 (Berlin time, roughly).
 */
function openingInstant(random: () => number): number {
  for (;;) {
    const day = OPENED_FROM + Math.floor(random() * OPENED_DAYS) * DAY;
    const weekday = new Date(day).getUTCDay();
    const officeHours = random() < 0.6;
    if (officeHours && (weekday === 0 || weekday === 6)) continue;
    // 07:00–17:00 UTC is 08:00–18:00 or 09:00–19:00 in Berlin.
    const minute = officeHours ? 7 * 60 + Math.floor(random() * 10 * 60) : Math.floor(random() * 24 * 60);
    return day + minute * MINUTE;
  }
}
