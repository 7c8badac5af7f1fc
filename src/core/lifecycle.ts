import { setup, type AnyStateMachine } from 'xstate';
import type { Draft } from 'immer';
import type { z } from 'zod';
import { evaluateCondition, safeDefineCondition, type CompiledCondition } from './condition';
import type { LifecycleExtension, RequiredFields } from './lifecycle-extension.schema';
import type { ActorRef, Instant } from './record-fields.schema';
import { attachCompiled } from './compiled-brand';
import { deepFreeze } from './deep-freeze';
import { parseWith } from './from-zod';
import type { SafeResult } from './safe-result';
import { issue, ValidationError, type ValidationIssue } from './validation-error';

/**
 * What every domain function needs from its caller, because pure code may not read the clock or
 * make up identifiers: the instant of the change, who made it, and a source of fresh ids for
 * what the change creates (journal entries, approvals).
 */
export interface LifecycleContext {
  /** When the change happens. A `Date` or an instant such as `2026-11-23T08:00:00.000Z`. */
  readonly now: Date | string;
  /** Who makes the change. */
  readonly actor: ActorRef;
  /** Issues a fresh id each call; the host's UUID or ULID generator. */
  readonly newId: () => string;
}

/** The context after validation, as guards and effects see it. @internal */
export interface ResolvedContext<C> {
  readonly now: Instant;
  readonly actor: ActorRef;
  readonly newId: () => string;
  /** The practice's own context (children, items, calendars …). */
  readonly extra: C;
}

/** A transition of a built-in lifecycle: target (or none: stay), guard and effects, by name. @internal */
export interface TransitionSpec {
  readonly target?: string;
  readonly guard?: string;
  readonly effects?: readonly string[];
}

/** A state of a built-in lifecycle and its transitions by event. @internal */
export interface StateSpec {
  readonly on: Readonly<Record<string, TransitionSpec | readonly TransitionSpec[]>>;
  readonly description: string;
}

/** One region of a machine: the record field that holds its state, and its states. @internal */
export interface RegionSpec {
  readonly field: string;
  readonly initial: string;
  readonly states: Readonly<Record<string, StateSpec>>;
}

/** What a guard and an effect are told. @internal */
export interface StepArgs<R, E, O, C> {
  readonly record: R;
  readonly event: E;
  readonly options: O;
  readonly context: ResolvedContext<C>;
}

const OTHER_TRANSITION = Symbol.for('itsm-kit.lifecycle.other-transition');

/**
 * A guard's refusal that only says the event's payload chose another of the event's transitions
 * (a `close` with another outcome): a refusal reports it only when no transition the payload
 * chose refused with a reason of its own. @internal
 */
export class OtherTransition {
  /** Known by this key, not by class: a lifecycle made by another copy of the library makes its own. */
  readonly [OTHER_TRANSITION] = true;
  constructor(readonly reason: string) {}
}

/** The reason of a guard's refusal, and whether it only says the payload chose another transition. @internal */
export function guardRefusal(answer: string | OtherTransition): { readonly reason: string; readonly otherTransition: boolean } {
  if (typeof answer === 'string') return { reason: answer, otherTransition: false };
  const fields = answer as unknown as { readonly reason?: unknown; readonly [OTHER_TRANSITION]?: unknown };
  return { reason: String(fields.reason), otherTransition: fields[OTHER_TRANSITION] === true };
}

/** A guard: the reason it refuses, in words, or undefined when it allows. @internal */
export type GuardSpec<R, E, O, C> = (args: StepArgs<R, E, O, C>) => string | OtherTransition | undefined;

/** An effect: changes the record's draft; may raise extra domain events. @internal */
export type EffectSpec<R, E, O, C> = (
  draft: Draft<R>,
  args: StepArgs<R, E, O, C> & { readonly raise: (type: string, data?: Record<string, unknown>) => void },
) => void;

/**
 * A practice's lifecycle as data plus its named guards and effects, from which
 * {@link buildLifecycle} makes the XState machine.
 * @internal
 */
export interface LifecycleSpec<R, E extends { type: string }, O, C> {
  /** The record kind, e.g. `incident`; the prefix of its domain events. */
  readonly kind: string;
  /** The first region's field is `state`; more regions run in parallel (the incident's `major`). */
  readonly regions: readonly [RegionSpec, ...RegionSpec[]];
  /** The built-in states an extension state may behave as, or a vendor transition may enter. */
  readonly extensibleStates: readonly string[];
  readonly guards: Readonly<Record<string, GuardSpec<R, E, O, C>>>;
  readonly effects: Readonly<Record<string, EffectSpec<R, E, O, C>>>;
  /** Past-tense name of each event for its domain event: `resolve` → `resolved`. */
  readonly eventNames: Readonly<Record<string, string>>;
  /** The record schema, accepting the given extension states (name → built-in state). */
  readonly recordSchema: (behavesAs: ReadonlyMap<string, string>) => z.ZodType<R>;
  /** The payload schema of each built-in event, keyed by event type. */
  readonly eventSchemas: Readonly<Record<string, z.ZodType>>;
}

/** The machine's context: the record, the lifecycle options and the caller's context. @internal */
export interface MachineContext {
  readonly record: unknown;
  readonly options: unknown;
  readonly context: ResolvedContext<unknown>;
  /**
   * Where a guard that threw leaves its error. XState rethrows a guard's error as a plain
   * `Error` with the message only, which would turn a typed `ValidationError` into an untyped
   * one; so a guard catches, records it here and refuses, and the runner reports it.
   */
  readonly thrown?: { error?: unknown };
}

/** The parts of a lifecycle the runner needs. @internal */
export interface LifecycleInternals {
  readonly spec: LifecycleSpec<unknown, { type: string }, unknown, unknown>;
  readonly guards: ReadonlyMap<string, GuardSpec<unknown, { type: string }, unknown, unknown>>;
  readonly behavesAs: ReadonlyMap<string, string>;
  readonly extensionEvents: ReadonlySet<string>;
  readonly requiredFields: RequiredFields;
}

/**
 * A compiled lifecycle: the XState machine of a kind of record with the host's options and
 * extensions applied. Made by `defineIncidentLifecycle` and its siblings; passed to the domain
 * functions. The machine is exposed for diagrams and for model-based tests with `xstate/graph`;
 * use it through `initialTransition` / `transition`, never as a running actor.
 */
export interface Lifecycle<R, O> {
  /** The record kind, e.g. `incident`. */
  readonly kind: string;
  /** The XState machine. Its state value is the record's `state` field (and, for incidents, `major`). */
  readonly machine: AnyStateMachine;
  /** The options, validated and frozen, defaults filled in. */
  readonly options: O;
  /** Every state of the main region, built-in and added, in definition order. */
  readonly states: readonly string[];
  /** Every event type the lifecycle knows, built-in and added. */
  readonly events: readonly string[];
  /** The record schema of this lifecycle: the practice's schema, accepting the added states. */
  readonly schema: z.ZodType<R>;
  /** @internal */
  readonly internals: LifecycleInternals;
}

const EXTENSION_NOTE = 'extension.note';

/**
 * Builds the machine of a lifecycle from its spec, the host's required fields and extension,
 * collecting problems with the extension as validation issues under `extend`.
 * @internal
 */
export function buildLifecycle<R, E extends { type: string }, O, C>(
  spec: LifecycleSpec<R, E, O, C>,
  options: O,
  extension: LifecycleExtension | undefined,
  requiredFields: RequiredFields | undefined,
): { lifecycle: Lifecycle<R, O> } | { issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const [main, ...others] = spec.regions;
  // Every event with a payload schema is built in, even where the options leave it no transition
  // (reopening turned off): it is then refused as a transition, not as an unknown type.
  const builtInEvents = new Set([
    ...spec.regions.flatMap((region) => Object.values(region.states).flatMap((state) => Object.keys(state.on))),
    ...Object.keys(spec.eventSchemas),
  ]);
  const extensible = new Set(spec.extensibleStates);
  const guards = new Map<string, GuardSpec<unknown, { type: string }, unknown, unknown>>(
    Object.entries(spec.guards) as [string, GuardSpec<unknown, { type: string }, unknown, unknown>][],
  );

  // States: built-in, then added, each added one inheriting the transitions of the one it behaves as.
  const states = new Map<string, { description: string; on: Map<string, TransitionSpec[]> }>();
  for (const [name, state] of Object.entries(main.states)) {
    states.set(name, { description: state.description, on: transitionsOf(state) });
  }
  const behavesAs = new Map<string, string>();
  for (const [name, added] of Object.entries(extension?.states ?? {})) {
    const base = main.states[added.behavesAs];
    if (states.has(name)) issues.push(issue(['extend', 'states', name], `is already a state of the ${spec.kind} lifecycle`));
    else if (base === undefined || !extensible.has(added.behavesAs)) {
      issues.push(issue(['extend', 'states', name, 'behavesAs'], `must be one of ${spec.extensibleStates.join(', ')}`, added.behavesAs));
    } else {
      behavesAs.set(name, added.behavesAs);
      states.set(name, { description: added.description ?? `behaves as ${added.behavesAs}`, on: transitionsOf(base) });
    }
  }

  const extensionEvents = new Set<string>();
  for (const [index, added] of (extension?.transitions ?? []).entries()) {
    const at = ['extend', 'transitions', index] as const;
    if (builtInEvents.has(added.event)) {
      issues.push(issue([...at, 'event'], `is a built-in event of the ${spec.kind} lifecycle; add an event of your own`, added.event));
      continue;
    }
    if (added.to !== undefined && !(behavesAs.has(added.to) || extensible.has(added.to))) {
      issues.push(issue([...at, 'to'], `must be an added state or one of ${spec.extensibleStates.join(', ')}`, added.to));
      continue;
    }
    let condition: CompiledCondition | undefined;
    if (added.when !== undefined) {
      const defined = safeDefineCondition(added.when);
      if (!defined.success) {
        for (const found of defined.error.issues) issues.push({ ...found, path: [...at, 'when', ...found.path] });
        continue;
      }
      condition = defined.data;
    }
    // Named after the event, so a diagram reads `hand_to_vendor [hand_to_vendor.when]`; the
    // index only where one event has several guarded transitions.
    const guardName = condition === undefined ? undefined : guards.has(`${added.event}.when`) ? `${added.event}.when.${index}` : `${added.event}.when`;
    if (guardName !== undefined && condition !== undefined) {
      const when = condition;
      const reason = added.reason ?? `the condition of ${added.event} does not hold`;
      guards.set(guardName, ({ record }) => (evaluateCondition(when, record) ? undefined : reason));
    }
    for (const [position, from] of added.from.entries()) {
      const state = states.get(from);
      if (state === undefined) {
        issues.push(issue([...at, 'from', position], 'is not a state of this lifecycle', from));
        continue;
      }
      // Leaving a state with fields of its own (an on-hold reason, a resolution) would need
      // effects an added transition does not have, so the record could never be valid after it.
      if (!behavesAs.has(from) && !extensible.has(from)) {
        issues.push(issue([...at, 'from', position], `must be an added state or one of ${spec.extensibleStates.join(', ')}`, from));
        continue;
      }
      const list = state.on.get(added.event) ?? [];
      list.push({
        ...(added.to === undefined ? {} : { target: added.to }),
        ...(guardName === undefined ? {} : { guard: guardName }),
        effects: [EXTENSION_NOTE],
      });
      state.on.set(added.event, list);
    }
    extensionEvents.add(added.event);
  }

  const knownEvents = new Set([...builtInEvents, ...extensionEvents]);
  for (const event of Object.keys(requiredFields ?? {})) {
    if (!knownEvents.has(event)) issues.push(issue(['requiredFields', event], 'is not an event of this lifecycle'));
  }
  if (issues.length > 0) return { issues };

  const toConfig = (on: Map<string, TransitionSpec[]>) =>
    Object.fromEntries(
      [...on].map(([event, transitions]) => [
        event,
        transitions.map((transition) => ({
          ...(transition.target === undefined ? {} : { target: transition.target }),
          ...(transition.guard === undefined ? {} : { guard: transition.guard }),
          actions: [...(transition.effects ?? [])],
        })),
      ]),
    );
  const mainRegion = {
    initial: main.initial,
    states: Object.fromEntries([...states].map(([name, state]) => [name, { description: state.description, on: toConfig(state.on) }])),
  };
  const regions = [main, ...others];
  const guardImplementations = Object.fromEntries(
    [...guards].map(([name, guard]) => [
      name,
      ({ context, event }: { context: MachineContext; event: { type: string } }) => {
        try {
          return guard({ record: context.record, event, options: context.options, context: context.context }) === undefined;
        } catch (error) {
          if (context.thrown === undefined) throw error;
          context.thrown.error ??= error;
          return false;
        }
      },
    ]),
  );
  // Effects run on an immer draft outside the machine (see apply-lifecycle-event); here they
  // are named so that `transition()` returns them in order.
  const actionNames = [...Object.keys(spec.effects), EXTENSION_NOTE];
  const machineSetup = setup({
    types: { context: {} as MachineContext, events: {} as { type: string }, input: {} as MachineContext },
    guards: guardImplementations,
    actions: Object.fromEntries(actionNames.map((name) => [name, () => undefined])),
  });
  const machine =
    regions.length === 1
      ? machineSetup.createMachine({ id: spec.kind, context: ({ input }) => input, ...mainRegion })
      : machineSetup.createMachine({
          id: spec.kind,
          type: 'parallel',
          context: ({ input }) => input,
          states: Object.fromEntries(
            regions.map((region, index) => [
              region.field,
              index === 0
                ? mainRegion
                : {
                    initial: region.initial,
                    states: Object.fromEntries(
                      Object.entries(region.states).map(([name, state]) => [name, { description: state.description, on: toConfig(transitionsOf(state)) }]),
                    ),
                  },
            ]),
          ),
        });

  const lifecycle: Lifecycle<R, O> = {
    kind: spec.kind,
    machine,
    options,
    states: [...states.keys()],
    events: [...knownEvents],
    schema: spec.recordSchema(behavesAs),
    internals: {
      spec: spec as unknown as LifecycleSpec<unknown, { type: string }, unknown, unknown>,
      guards,
      behavesAs,
      extensionEvents,
      requiredFields: requiredFields ?? {},
    },
  };
  // Branded, so a lifecycle is recognised as one this library made, not by its shape: a copy
  // (a spread, an object with a machine and internals) is refused where it is given.
  attachCompiled(lifecycle, MADE_BY_DEFINE, true);
  return { lifecycle: Object.freeze(lifecycle) };
}

/** The brand of a lifecycle a define function made: shared by every copy of this library loaded. */
const MADE_BY_DEFINE = Symbol.for('itsm-kit.lifecycle.made');

/**
 * Whether `value` is a lifecycle a `defineXLifecycle()` function made: the brand its own (an
 * object made from one, `Object.create(lifecycle)`, inherits it but is none); never throws.
 * @internal
 */
export function madeByDefine(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  try {
    return Object.getOwnPropertyDescriptor(value, MADE_BY_DEFINE)?.value === true;
  } catch {
    return false;
  }
}

function transitionsOf(state: StateSpec): Map<string, TransitionSpec[]> {
  return new Map(Object.entries(state.on).map(([event, transitions]) => [event, Array.isArray(transitions) ? [...(transitions as TransitionSpec[])] : [transitions as TransitionSpec]]));
}

/** The name of the effect every added transition runs: its note becomes a work note. @internal */
export const EXTENSION_NOTE_EFFECT = EXTENSION_NOTE;

/**
 * Validates a practice's lifecycle options and builds its lifecycle: the body every
 * `safeDefineXLifecycle` shares. `specFor` receives the frozen options, so a practice can leave
 * out transitions its options turn off.
 * @internal
 */
export function defineLifecycleFromOptions<R, E extends { type: string }, O extends { extend?: LifecycleExtension | undefined; requiredFields: RequiredFields }, C>(
  schema: z.ZodType<O>,
  specFor: (options: O) => LifecycleSpec<R, E, O, C>,
  input: unknown,
  subject: string,
): SafeResult<Lifecycle<R, O>, ValidationError> {
  const parsed = parseWith(schema, input, subject);
  if (!parsed.success) return parsed;
  const options = deepFreeze(parsed.data);
  const built = buildLifecycle(specFor(options), options, options.extend, options.requiredFields);
  if ('issues' in built) return { success: false, error: new ValidationError(built.issues, subject) };
  return { success: true, data: built.lifecycle };
}
