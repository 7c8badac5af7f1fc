import type { BusinessCalendar } from '../calendar/business-calendar';
import { isArrayArgument, readArgument } from '../core/unreadable-argument';
import { issue, ValidationError, type IssuePath, type ValidationIssue } from '../core/validation-error';
import { evaluateSla, instantArgument, targetCalendars, type SlaVersion } from './evaluate-sla';
import type { SlaCycleState, SlaEvaluation } from './sla-evaluation';
import { compiledSlaPolicy, type SlaPolicy } from './sla-policy';

/** A configuration to evaluate under: a policy and its calendars. */
export interface SlaConfiguration {
  readonly policy: SlaPolicy;
  readonly calendars: Readonly<Record<string, BusinessCalendar>>;
}

/** A record's history, named by the record's id. */
export interface SlaRecordHistory {
  readonly id: string;
  readonly history: readonly SlaVersion[];
}

/** How a target's current cycle stands under one configuration. */
export interface SlaStanding {
  readonly state: SlaCycleState | 'none';
  readonly dueAt?: string;
  readonly breached: boolean;
  readonly breachedAt?: string;
}

/** A record's target whose due instant or breach differs between the two configurations. */
export interface SlaWhatIfChange {
  readonly recordId: string;
  readonly targetId: string;
  readonly before: SlaStanding;
  readonly after: SlaStanding;
  /** The due instant differs. */
  readonly dueChanged: boolean;
  /** Breached under one configuration and not under the other. */
  readonly breachFlipped: boolean;
}

/** What {@link slaWhatIf} found, and every record's evaluation under the new configuration. */
export interface SlaWhatIfResult {
  readonly changes: readonly SlaWhatIfChange[];
  /** Each record's evaluation under `after`: what a host stores to repair open records. */
  readonly evaluations: readonly { readonly recordId: string; readonly evaluation: SlaEvaluation }[];
}

function standing(evaluation: SlaEvaluation, targetId: string): SlaStanding {
  const cycle = evaluation.targets.find((target) => target.targetId === targetId)?.cycles.at(-1);
  if (cycle === undefined) return { state: 'none', breached: false };
  return {
    state: cycle.state,
    ...(cycle.dueAt === undefined ? {} : { dueAt: cycle.dueAt }),
    breached: cycle.breached,
    ...(cycle.breachedAt === undefined ? {} : { breachedAt: cycle.breachedAt }),
  };
}

/**
 * What a change of policy or calendar would do, without writing anything: each record's
 * targets whose current due instant changes or whose breach flips between `before` and `after`.
 * The same call repairs open records after a configuration change: store the `evaluations`.
 * Targets are matched by id; a target only one configuration has is compared with "none".
 *
 * @param records - the records' histories
 * @param before - the configuration in force
 * @param after - the changed configuration
 * @param now - the instant to compare at
 * @returns the changes and the new evaluations
 * @throws {@link ValidationError} naming the record and path of any bad input
 *
 * @example
 * ```ts
 * const { changes } = slaWhatIf(openIncidents, { policy, calendars }, { policy, calendars: { desk: deskWithNewHoliday } }, new Date());
 * changes.filter((change) => change.breachFlipped); // the records the holiday saves or dooms
 * ```
 */
export function slaWhatIf(records: readonly SlaRecordHistory[], before: SlaConfiguration, after: SlaConfiguration, now: Date | string): SlaWhatIfResult {
  if (!isArrayArgument(records, ['records'])) throw new ValidationError([issue(['records'], 'must be an array of { id, history }')], 'argument');
  // Both configurations and now are checked before any record, so a broken configuration is
  // reported even when there is no record to compare (the first thing a what-if UI does).
  instantArgument(now, ['now']);
  const configurations = { before: configurationArgument(before, 'before'), after: configurationArgument(after, 'after') };
  const changes: SlaWhatIfChange[] = [];
  const evaluations: { recordId: string; evaluation: SlaEvaluation }[] = [];
  const count = readArgument(['records'], () => records.length);
  // An index loop, not forEach: a hole in the array is a missing record, not one to skip.
  for (let index = 0; index < count; index++) {
    const entry = recordArgument(readArgument(['records', index], () => records[index]), index);
    const evaluate = (name: 'before' | 'after'): SlaEvaluation =>
      within([name], () => evaluateSla(configurations[name].policy, entry.history, { calendars: configurations[name].calendars, now }), ['records', index]);
    const old = evaluate('before');
    const next = evaluate('after');
    evaluations.push({ recordId: entry.id, evaluation: next });
    const ids = [...new Set([...old.targets, ...next.targets].map((target) => target.targetId))];
    for (const targetId of ids) {
      const a = standing(old, targetId);
      const b = standing(next, targetId);
      const dueChanged = a.dueAt !== b.dueAt;
      const breachFlipped = a.breached !== b.breached;
      if (dueChanged || breachFlipped || a.state !== b.state) changes.push({ recordId: entry.id, targetId, before: a, after: b, dueChanged, breachFlipped });
    }
  }
  return { changes, evaluations };
}

/** A configuration, its fields read once and checked: the policy and its calendars. */
function configurationArgument(value: unknown, name: 'before' | 'after'): SlaConfiguration {
  if (typeof value !== 'object' || value === null) throw new ValidationError([issue([name], 'must be { policy, calendars }')], 'argument');
  const configuration = readArgument([name], () => ({ policy: (value as SlaConfiguration).policy, calendars: (value as SlaConfiguration).calendars }));
  within([name], () => targetCalendars(compiledSlaPolicy(configuration.policy), configuration.calendars));
  return configuration;
}

/** A record's entry, its fields read once: its id, a string, and its history (checked by the evaluation). */
function recordArgument(value: unknown, index: number): SlaRecordHistory {
  const entry = typeof value === 'object' && value !== null ? readArgument(['records', index], () => ({ id: (value as SlaRecordHistory).id, history: (value as SlaRecordHistory).history })) : undefined;
  if (typeof entry?.id !== 'string') throw new ValidationError([issue(['records', index, 'id'], 'must be the record id, a string')], 'argument');
  return entry;
}

/**
 * Runs `run`, naming where its validation errors belong: under the configuration (`before` or
 * `after`), or under the record for a problem in its history.
 */
function within<T>(configuration: IssuePath, run: () => T, record?: IssuePath): T {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const path = (found: ValidationIssue): IssuePath => {
      if (found.path[0] === 'history' && record !== undefined) return [...record, ...found.path];
      return found.path[0] === 'now' ? found.path : [...configuration, ...found.path];
    };
    throw new ValidationError(error.issues.map((found) => ({ ...found, path: path(found) })), 'argument');
  }
}
