import { listArgument } from '../core/unreadable-argument';
import * as fc from 'fast-check';
import type { Condition } from '../core/condition.schema';
import { IncidentState } from '../incident/incident.schema';
import { defineSlaPolicy, type SlaPolicy } from '../sla/sla-policy';
import { SlaTargetDefinition, type SlaDuration, type SlaPolicyDefinition } from '../sla/sla-policy.schema';
import { countOption, invalidOption, optionsObject, schemaOption } from './arbitrary-options';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** The schema's longest target: ten years of business time. */
const LONGEST_TARGET_MS = 10 * 366 * 86_400_000;
const DEFAULT_MAX_DURATION_MS = 120 * HOUR_MS;
const TYPICAL_DURATIONS_MS = [15 * MINUTE_MS, 30 * MINUTE_MS, HOUR_MS, 2 * HOUR_MS, 4 * HOUR_MS, 8 * HOUR_MS, 24 * HOUR_MS, 72 * HOUR_MS, 120 * HOUR_MS];
const STATES = IncidentState.options;
const OPEN: readonly string[] = ['new', 'in_progress', 'on_hold'];
const ENDED: readonly string[] = ['resolved', 'closed'];
const REOPENED: Condition = { all: [{ field: 'previous.state', eq: 'resolved' }, { field: 'state', eq: 'in_progress' }] };

/** Options of {@link slaPolicyDefinitionArbitrary} and {@link slaPolicyArbitrary}. */
export interface SlaPolicyArbitraryOptions {
  /** The ids of the calendars targets run on; at least one, each a valid calendar id. Default `['service_desk']`. */
  readonly calendarIds?: readonly string[];
  /** The most targets a policy has, 1 to 100. Default 3. */
  readonly maxTargets?: number;
  /**
   * The priority values durations are given for and conditions compare with: whole numbers
   * from -999 to 999, at least one. Default `[1, 2, 3, 4, 5]`, the default matrix's.
   */
  readonly priorities?: readonly number[];
  /** The longest target, in milliseconds of business time: a whole number from 1 to ten years. Default 120 hours. */
  readonly maxDurationMs?: number;
}

/**
 * Valid SLA policy definitions over incidents, ready for `defineSlaPolicy`: one or more targets,
 * each with a fixed duration or one per priority (with or without a default, so some
 * priorities may have none), a calendar from `calendarIds`, and conditions on the state, the
 * priority, the previous version (reopen edges), first response, on-hold reason and major
 * incident status, combined with `all`, `any` and `not`. Targets sometimes pause, cancel,
 * reset, start retroactively from `openedAt`, resume or begin a new cycle on reopen, restart or retarget
 * on a change of priority, and have their own warning thresholds. Mostly the shapes real
 * policies have; now and then a random one.
 *
 * @param options - calendar ids, how many targets, priorities, the longest duration
 * @returns an arbitrary of definitions
 * @throws {@link "itsm-kit"!ValidationError} naming the option, for an id that is not a valid
 * calendar id, a priority out of range, or a count out of range
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { safeDefineSlaPolicy } from 'itsm-kit';
 * import { slaPolicyDefinitionArbitrary } from 'itsm-kit/testing';
 *
 * fc.assert(
 *   fc.property(slaPolicyDefinitionArbitrary({ calendarIds: ['desk', 'field_service'] }), (definition) =>
 *     safeDefineSlaPolicy(JSON.parse(JSON.stringify(definition))).success,
 *   ),
 * );
 * ```
 */
export function slaPolicyDefinitionArbitrary(options: SlaPolicyArbitraryOptions = {}): fc.Arbitrary<SlaPolicyDefinition> {
  const given = optionsObject(options);
  const calendarIds = calendarIdsOption(given.calendarIds);
  const maxTargets = countOption(given.maxTargets, 'maxTargets', 1, 3, 100);
  const priorities = prioritiesOption(given.priorities);
  const maxDurationMs = countOption(given.maxDurationMs, 'maxDurationMs', 1, DEFAULT_MAX_DURATION_MS, LONGEST_TARGET_MS);
  const target = targetArbitrary(calendarIds, priorities, durationArbitrary(maxDurationMs));
  return fc.array(target, { minLength: 1, maxLength: maxTargets }).map(
    (targets): SlaPolicyDefinition => ({
      id: 'generated-policy',
      name: 'A generated SLA policy',
      // Ids are unique within a policy: the metric and the target's place.
      targets: targets.map(({ metric, ...rest }, index) => ({ id: `${metric}-${index + 1}`, metric, ...rest })),
    }),
  );
}

/**
 * Compiled SLA policies: {@link slaPolicyDefinitionArbitrary} passed through `defineSlaPolicy`.
 * A policy's `definition` shows in fast-check's counterexamples.
 *
 * @param options - as for {@link slaPolicyDefinitionArbitrary}
 * @returns an arbitrary of policies, for `evaluateSla` and the SLA laws
 * @throws {@link "itsm-kit"!ValidationError} naming the option, as {@link slaPolicyDefinitionArbitrary} does
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { businessCalendarArbitrary, checkSlaLaws, slaPolicyArbitrary } from 'itsm-kit/testing';
 *
 * checkSlaLaws({
 *   configurations: fc.record({ policy: slaPolicyArbitrary({ calendarIds: ['desk'] }), calendars: fc.record({ desk: businessCalendarArbitrary() }) }),
 *   numRuns: 50,
 * });
 * ```
 */
export function slaPolicyArbitrary(options: SlaPolicyArbitraryOptions = {}): fc.Arbitrary<SlaPolicy> {
  return slaPolicyDefinitionArbitrary(options).map((definition) => defineSlaPolicy(definition));
}

type GeneratedTarget = Omit<SlaTargetDefinition, 'id'>;

function targetArbitrary(calendarIds: readonly string[], priorities: readonly number[], duration: fc.Arbitrary<number>): fc.Arbitrary<GeneratedTarget> {
  const random = conditionArbitrary(priorities);
  const priority = priorityConditionArbitrary(priorities);
  const states = (...lists: (readonly string[])[]): fc.Arbitrary<Condition> => fc.constantFrom(...lists).map((list) => ({ field: 'state', in: [...list] }));
  /** An optional part: present `present` times in `present + absent`. */
  const optional = <T>(arbitrary: fc.Arbitrary<T>, present: number, absent: number): fc.Arbitrary<T | undefined> =>
    fc.oneof({ weight: absent, arbitrary: fc.constant(undefined) }, { weight: present, arbitrary });
  return fc
    .record({
      metric: fc.constantFrom('response', 'resolution', 'first_touch', 'handoff'),
      agreement: optional(fc.constantFrom('sla', 'ola', 'uc'), 1, 2),
      appliesTo: optional(fc.oneof(priority, fc.constant<Condition>({ field: 'major', ne: 'accepted' }), random), 1, 3),
      duration: slaDurationArbitrary(priorities, duration),
      calendar: fc.constantFrom(...calendarIds),
      start: fc.oneof({ weight: 6, arbitrary: states(OPEN, ['new'], ['new', 'in_progress'], ['in_progress', 'on_hold']) }, { weight: 1, arbitrary: random }),
      pause: optional(
        fc.oneof(
          { weight: 4, arbitrary: fc.constant<Condition>({ field: 'state', eq: 'on_hold' }) },
          { weight: 2, arbitrary: fc.constantFrom<Condition>({ field: 'onHoldReason', in: ['awaiting_caller', 'awaiting_vendor'] }, { field: 'state', in: ['on_hold', 'resolved'] }) },
          { weight: 1, arbitrary: random },
        ),
        2,
        1,
      ),
      stop: fc.oneof(
        { weight: 4, arbitrary: states(ENDED, ['resolved']) },
        { weight: 3, arbitrary: fc.constant<Condition>({ any: [{ field: 'firstRespondedAt', exists: true }, { field: 'state', in: [...ENDED] }] }) },
        { weight: 1, arbitrary: fc.constant<Condition>({ field: 'state', in: ['in_progress', ...ENDED] }) },
        { weight: 1, arbitrary: random },
      ),
      cancel: optional(fc.oneof({ weight: 4, arbitrary: fc.constant<Condition>({ field: 'state', eq: 'canceled' }) }, { weight: 1, arbitrary: random }), 3, 1),
      reset: optional(fc.oneof(fc.constant(REOPENED), fc.constant<Condition>({ field: 'major', eq: 'accepted' }), priority, random), 1, 3),
      onReopen: optional(fc.constantFrom('resume', 'new_cycle'), 1, 1),
      thresholds: optional(fc.subarray([25, 50, 75, 80, 90, 100, 120, 150, 200]), 1, 2),
      retroactiveStart: optional(fc.constantFrom('openedAt', 'openedAt', 'createdAt', 'firstRespondedAt'), 1, 1),
      onDurationChange: optional(fc.constantFrom('retarget', 'restart'), 1, 1),
    })
    .map((target) => Object.fromEntries(Object.entries(target).filter(([, value]) => value !== undefined)) as GeneratedTarget);
}

function slaDurationArbitrary(priorities: readonly number[], duration: fc.Arbitrary<number>): fc.Arbitrary<SlaDuration> {
  const table = fc
    .uniqueArray(fc.tuple(fc.constantFrom(...priorities), duration), { selector: ([priority]) => priority, minLength: 1, maxLength: priorities.length })
    .map((entries) => Object.fromEntries(entries.map(([priority, ms]) => [String(priority), ms])));
  return fc.oneof(
    { weight: 2, arbitrary: duration.map((ms) => ({ ms })) },
    { weight: 3, arbitrary: fc.record({ byPriority: table, default: duration }, { requiredKeys: ['byPriority'], noNullPrototype: true }) },
  );
}

/** Business durations: mostly the ones agreements name (15 minutes … 120 hours), sometimes any, sometimes tiny. */
function durationArbitrary(max: number): fc.Arbitrary<number> {
  const typical = TYPICAL_DURATIONS_MS.filter((ms) => ms <= max);
  return fc.oneof(
    { weight: typical.length === 0 ? 0 : 4, arbitrary: typical.length === 0 ? fc.constant(max) : fc.constantFrom(...typical) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max }) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: Math.min(max, 1000) }) },
  );
}

function priorityConditionArbitrary(priorities: readonly number[]): fc.Arbitrary<Condition> {
  const value = fc.constantFrom(...priorities);
  return fc.oneof(
    fc.tuple(fc.constantFrom('eq', 'ne', 'lt', 'lte', 'gt', 'gte'), value).map(([operator, priority]) => ({ field: 'priority', [operator]: priority }) as Condition),
    fc.subarray([...priorities], { minLength: 1 }).map((list): Condition => ({ field: 'priority', in: list })),
  );
}

/** Any condition over the incident fields SLAs read, nested at most twice. */
function conditionArbitrary(priorities: readonly number[]): fc.Arbitrary<Condition> {
  const stateList = fc.subarray([...STATES], { minLength: 1 });
  const leaf: fc.Arbitrary<Condition> = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom('state', 'previous.state'), fc.constantFrom('in', 'notIn'), stateList).map(([field, operator, list]) => ({ field, [operator]: list }) as Condition) },
    { weight: 2, arbitrary: priorityConditionArbitrary(priorities) },
    {
      weight: 2,
      arbitrary: fc.constantFrom<Condition>(
        { field: 'firstRespondedAt', exists: true },
        { field: 'onHoldReason', eq: 'awaiting_caller' },
        { field: 'assignee', exists: false },
        { field: 'major', in: ['candidate', 'accepted'] },
        { field: 'reopenCount', gte: 1 },
        { field: 'previous.priority', ne: priorities[0]! },
      ),
    },
  );
  const pair = fc.array(leaf, { minLength: 1, maxLength: 3 });
  return fc.oneof(
    { weight: 6, arbitrary: leaf },
    { weight: 2, arbitrary: pair.map((all): Condition => ({ all })) },
    { weight: 2, arbitrary: pair.map((any): Condition => ({ any })) },
    { weight: 1, arbitrary: leaf.map((not): Condition => ({ not })) },
  );
}

function calendarIdsOption(value: unknown): readonly string[] {
  if (value === undefined) return ['service_desk'];
  // Copied by index: a hole is a missing id, refused at its index.
  const list = listArgument(value, ['calendarIds']);
  if (list === undefined) return invalidOption(['calendarIds'], 'must be an array of calendar ids', value);
  if (list.length === 0) invalidOption(['calendarIds'], 'must name at least one calendar id');
  return list.map((id, index) => schemaOption(SlaTargetDefinition.shape.calendar, id, ['calendarIds', index]));
}

function prioritiesOption(value: unknown): readonly number[] {
  if (value === undefined) return [1, 2, 3, 4, 5];
  // Copied by index: a hole is a missing priority, refused at its index.
  const list = listArgument(value, ['priorities']);
  if (list === undefined) return invalidOption(['priorities'], 'must be an array of priority values', value);
  if (list.length === 0) invalidOption(['priorities'], 'must list at least one priority');
  list.forEach((priority, index) => {
    if (typeof priority !== 'number' || !Number.isInteger(priority) || priority < -999 || priority > 999) {
      invalidOption(['priorities', index], 'must be a whole number from -999 to 999', priority);
    }
  });
  return [...new Set(list as number[])];
}
