// Model-based testing of a lifecycle with xstate/graph: the machine is the model, the domain
// function is the system under test. The graph library explores what the domain function does
// from the initial record with the candidate steps a practice offers; the harness then checks
// that every state of the model was reached and every declared transition exercised, and that
// every event a state does not accept is refused with the record unchanged.
import { fromTransition, type AnyStateMachine, type AnyStateNode } from 'xstate';
import { getAdjacencyMap, getShortestPaths } from 'xstate/graph';
import type { ItsmError, RecordChange, SafeResult } from '../src/index';

/** One candidate step: a lifecycle event with a payload, and a label that tells variants apart. */
export interface ModelStep {
  readonly type: string;
  readonly label: string;
}

export interface LifecycleModel<R, S extends ModelStep> {
  readonly machine: AnyStateMachine;
  readonly initial: R;
  /** Each region's state in the record, e.g. `{ state: 'new', major: 'none' }`. */
  readonly regionsOf: (record: R) => Readonly<Record<string, string>>;
  /** Every candidate step from this record, allowed here or not. */
  readonly steps: (record: R) => readonly S[];
  readonly apply: (record: R, step: S) => SafeResult<RecordChange<R>, ItsmError>;
}

/** `region:from -event-> to` for a region's transition. */
const edge = (region: string, from: string, event: string, to: string): string => `${region}:${from} -${event}-> ${to}`;

function regionNodes(machine: AnyStateMachine): [string, AnyStateNode][] {
  const root = machine.root;
  if (root.type === 'parallel') return Object.entries(root.states).map(([name, node]) => [name, node]);
  return [['state', root]];
}

/** Every transition the machine declares, as edges; targetless ones stay in their state. */
export function declaredTransitions(machine: AnyStateMachine): Set<string> {
  const edges = new Set<string>();
  for (const [region, node] of regionNodes(machine)) {
    for (const [name, state] of Object.entries(node.states)) {
      for (const [event, transitions] of state.transitions) {
        for (const transition of transitions) {
          const target = transition.target?.[0]?.key ?? name;
          edges.add(edge(region, name, event, target));
        }
      }
    }
  }
  return edges;
}

/** Every state of every region, as `region:state`. */
export function declaredStates(machine: AnyStateMachine): Set<string> {
  return new Set(regionNodes(machine).flatMap(([region, node]) => Object.keys(node.states).map((name) => `${region}:${name}`)));
}

/** Each region's events, by state. */
function declaredEvents(machine: AnyStateMachine): Map<string, Set<string>> {
  const events = new Map<string, Set<string>>();
  for (const [region, node] of regionNodes(machine)) {
    for (const [name, state] of Object.entries(node.states)) events.set(`${region}:${name}`, new Set(state.transitions.keys()));
  }
  return events;
}

export interface Exploration<R> {
  /** `region:state` of every state reached. */
  readonly reached: Set<string>;
  /** Every transition the domain function took, as edges. */
  readonly exercised: Set<string>;
  /** One record per reached combination of states, reached by a shortest path. */
  readonly representatives: Map<string, R>;
  /** Problems found: a step that threw, an accepted step the model does not declare. */
  readonly problems: string[];
}

/** Explores the domain function from the model's initial record with xstate/graph. */
export function explore<R, S extends ModelStep>(model: LifecycleModel<R, S>): Exploration<R> {
  const key = (record: R): string =>
    Object.entries(model.regionsOf(record))
      .map(([region, state]) => `${region}:${state}`)
      .join('|');
  const declared = declaredTransitions(model.machine);
  const events = declaredEvents(model.machine);
  const exercised = new Set<string>();
  const problems: string[] = [];
  const logic = fromTransition((record: R, step: S) => {
    let result: SafeResult<RecordChange<R>, ItsmError>;
    try {
      result = model.apply(record, step);
    } catch (error) {
      problems.push(`${step.label} from ${key(record)} threw ${String(error)}`);
      return record;
    }
    if (!result.success) return record;
    const before = model.regionsOf(record);
    const after = model.regionsOf(result.data.record);
    for (const [region, from] of Object.entries(before)) {
      if (!events.get(`${region}:${from}`)?.has(step.type)) continue;
      const taken = edge(region, from, step.type, after[region] ?? '?');
      if (!declared.has(taken)) problems.push(`${step.label} took ${taken}, which the machine does not declare`);
      exercised.add(taken);
    }
    return result.data.record;
  }, model.initial);
  const options = {
    events: (snapshot: { context: R }) => model.steps(snapshot.context).map((step) => step),
    serializeState: (snapshot: { context: R }) => key(snapshot.context),
    serializeEvent: (step: S) => step.label,
  };
  getAdjacencyMap(logic, options as never);
  const representatives = new Map<string, R>();
  const reached = new Set<string>();
  for (const path of getShortestPaths(logic, options as never)) {
    const record = (path.state as { context: R }).context;
    representatives.set(key(record), record);
    for (const [region, state] of Object.entries(model.regionsOf(record))) reached.add(`${region}:${state}`);
  }
  return { reached, exercised, representatives, problems };
}

/**
 * From each representative record, every step whose event no state of the record has a
 * transition for must be refused as `invalid_transition`, with the record unchanged.
 * Returns the problems found.
 */
export function probeRefusals<R, S extends ModelStep>(model: LifecycleModel<R, S>, representatives: Map<string, R>): { problems: string[]; probes: number } {
  const events = declaredEvents(model.machine);
  const problems: string[] = [];
  let probes = 0;
  for (const [where, record] of representatives) {
    const accepted = new Set(Object.entries(model.regionsOf(record)).flatMap(([region, state]) => [...(events.get(`${region}:${state}`) ?? [])]));
    const before = JSON.stringify(record);
    for (const step of model.steps(record)) {
      if (accepted.has(step.type)) continue;
      probes += 1;
      const result = model.apply(record, step);
      if (result.success) problems.push(`${step.label} was accepted in ${where}`);
      else if (result.error.code !== 'invalid_transition') problems.push(`${step.label} in ${where} gave ${result.error.code}: ${result.error.message}`);
      if (JSON.stringify(record) !== before) problems.push(`${step.label} in ${where} changed the record`);
    }
  }
  return { problems, probes };
}
