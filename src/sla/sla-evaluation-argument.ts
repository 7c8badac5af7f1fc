import { listEntries } from '../core/list-entries';
import { Instant } from '../core/record-fields.schema';
import { readArgument } from '../core/unreadable-argument';
import { issue, ValidationError, type IssuePath } from '../core/validation-error';
import type { SlaCycle, SlaCycleState, SlaEvaluation, SlaTargetResult } from './sla-evaluation';

// An evaluation may have been stored and read back by the host, so the reports check the parts
// they read like any other input; fields they do not read are not copied. The parts are copied
// once, then checked, and the report reads the copy: a caller's getter cannot show the check
// one value and the report another, and a report's own code runs outside the guard that names
// an unreadable argument. Written out rather than a schema: a report reads thousands of
// evaluations, and the common case should cost a copy and a few comparisons, with paths built
// only to name a problem.

type Checked = Record<string, unknown>;

const STATES: readonly string[] = ['running', 'paused', 'met', 'breached', 'cancelled'] satisfies SlaCycleState[];
const isObject = (value: unknown): value is Checked => typeof value === 'object' && value !== null && !Array.isArray(value);
const isInstant = (value: unknown): boolean => Instant.safeParse(value).success;
const isOptionalInstant = (value: unknown): boolean => value === undefined || isInstant(value);

function isThreshold(value: unknown): boolean {
  return isObject(value) && typeof value['percent'] === 'number' && isOptionalInstant(value['crossedAt']) && isOptionalInstant(value['dueAt']);
}

function isCycle(value: unknown): boolean {
  if (!isObject(value)) return false;
  const { state, breached, thresholds } = value;
  return (
    typeof state === 'string' &&
    STATES.includes(state) &&
    typeof breached === 'boolean' &&
    isOptionalInstant(value['endedAt']) &&
    isOptionalInstant(value['breachedAt']) &&
    isOptionalInstant(value['dueAt']) &&
    Array.isArray(thresholds) &&
    thresholds.every(isThreshold)
  );
}

function isTarget(value: unknown): boolean {
  return isObject(value) && typeof value['targetId'] === 'string' && typeof value['metric'] === 'string' && Array.isArray(value['cycles']) && value['cycles'].every(isCycle);
}

/**
 * A list copied entry by entry, by index: a hole becomes undefined, which the checks refuse by
 * its index, where `map` would keep the hole and `every` skip it. Anything but an array is kept
 * as it is, for the checks to refuse.
 */
function listCopy(value: unknown, entry: (item: unknown) => unknown): unknown {
  return Array.isArray(value) ? listEntries(value as unknown[]).map(entry) : value;
}

const thresholdParts = (value: unknown): unknown => (isObject(value) ? { percent: value['percent'], crossedAt: value['crossedAt'], dueAt: value['dueAt'] } : value);

function cycleParts(value: unknown): unknown {
  if (!isObject(value)) return value;
  const { state, breached, endedAt, breachedAt, dueAt } = value;
  return { state, breached, endedAt, breachedAt, dueAt, thresholds: listCopy(value['thresholds'], thresholdParts) };
}

const targetParts = (value: unknown): unknown => (isObject(value) ? { targetId: value['targetId'], metric: value['metric'], cycles: listCopy(value['cycles'], cycleParts) } : value);

/** The parts of an evaluation the reports read, each read once, as plain objects of the library's. */
const reportedParts = (value: unknown): unknown => (isObject(value) ? { now: value['now'], targets: listCopy(value['targets'], targetParts) } : value);

/** The first problem of an evaluation that failed the quick checks, with its path. */
function problemOf(evaluation: Checked): [IssuePath, string] {
  if (!isInstant(evaluation['now'])) return [['now'], 'must be an instant such as 2026-11-23T08:00:00.000Z'];
  const targets = evaluation['targets'];
  if (!Array.isArray(targets)) return [['targets'], 'must be an array of target results'];
  for (let t = 0; t < targets.length; t++) {
    const target: unknown = targets[t];
    if (!isObject(target)) return [['targets', t], 'must be a target result, an object'];
    for (const field of ['targetId', 'metric']) if (typeof target[field] !== 'string') return [['targets', t, field], 'must be a string'];
    const cycles = target['cycles'];
    if (!Array.isArray(cycles)) return [['targets', t, 'cycles'], 'must be an array of cycles'];
    for (let c = 0; c < cycles.length; c++) {
      const cycle: unknown = cycles[c];
      const at = ['targets', t, 'cycles', c];
      if (!isObject(cycle)) return [at, 'must be a cycle, an object'];
      if (typeof cycle['state'] !== 'string' || !STATES.includes(cycle['state'])) return [[...at, 'state'], `must be one of ${STATES.join(', ')}`];
      if (typeof cycle['breached'] !== 'boolean') return [[...at, 'breached'], 'must be true or false'];
      for (const field of ['endedAt', 'breachedAt', 'dueAt']) if (!isOptionalInstant(cycle[field])) return [[...at, field], 'must be an instant or absent'];
      const thresholds = cycle['thresholds'];
      if (!Array.isArray(thresholds)) return [[...at, 'thresholds'], 'must be an array of thresholds'];
      const bad = thresholds.findIndex((threshold) => !isThreshold(threshold));
      if (bad >= 0) return [[...at, 'thresholds', bad], 'must be { percent, crossedAt?, dueAt? }'];
    }
  }
  return [[], 'must be an evaluation from evaluateSla() or slaStatus()'];
}

/** The parts of an evaluation the reports read: what {@link slaEvaluationArgument} copies, and no more. @internal */
export interface ReportedEvaluation {
  readonly now: SlaEvaluation['now'];
  readonly targets: readonly ReportedTarget[];
}

/** @internal */
export interface ReportedTarget extends Pick<SlaTargetResult, 'targetId' | 'metric'> {
  readonly cycles: readonly Pick<SlaCycle, 'state' | 'breached' | 'endedAt' | 'breachedAt' | 'dueAt' | 'thresholds'>[];
}

/**
 * The parts of an evaluation argument the reports read (`now`, and each target's id, metric and
 * cycles with their state, breach, instants and thresholds), copied and checked, or a
 * validation error naming `path` and the field. @internal
 */
export function slaEvaluationArgument(value: unknown, path: IssuePath): ReportedEvaluation {
  // The caller's object: one that throws when read (a revoked proxy, a getter) is bad input too.
  return checkedEvaluation(readArgument(path, () => reportedParts(value)), path);
}

function checkedEvaluation(value: unknown, path: IssuePath): ReportedEvaluation {
  if (!isObject(value)) throw new ValidationError([issue(path, 'must be an evaluation from evaluateSla() or slaStatus()')], 'argument');
  const targets = value['targets'];
  if (isInstant(value['now']) && Array.isArray(targets) && targets.every(isTarget)) return value as unknown as ReportedEvaluation;
  const [where, message] = problemOf(value);
  throw new ValidationError([issue([...path, ...where], message)], 'argument');
}
