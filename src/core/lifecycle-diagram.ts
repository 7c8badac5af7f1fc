import { readArgument } from './unreadable-argument';
import type { AnyStateNode } from 'xstate';
import { isLifecycle } from './apply-lifecycle-event';
import type { Lifecycle } from './lifecycle';
import { issue, ValidationError } from './validation-error';

/** Options of {@link lifecycleDiagram}. */
export interface LifecycleDiagramOptions {
  /**
   * The region to draw, for a machine with more than one (the incident's `major`); the main
   * region, `state`, when omitted.
   */
  readonly region?: string;
}

/** One region of a lifecycle's machine, by the record field that holds its state. @internal */
export function lifecycleRegions(lifecycle: Lifecycle<unknown, unknown>): [string, AnyStateNode][] {
  const root = lifecycle.machine.root;
  return root.type === 'parallel' ? Object.entries(root.states) : [['state', root]];
}

/**
 * A lifecycle's state diagram in Mermaid (`stateDiagram-v2`), drawn from its XState machine, so
 * a diagram always shows the machine that runs, vendor extensions included. Each arrow is
 * labelled with its event, and its guard in brackets; events that keep the state are listed in
 * a note on the state.
 *
 * @param lifecycle - a lifecycle from `defineIncidentLifecycle` or a sibling
 * @param options - which region to draw
 * @returns Mermaid source, without the surrounding code fence
 * @throws {@link ValidationError} for a lifecycle not made by this library or an unknown region
 *
 * @example
 * ```ts
 * const mermaid = lifecycleDiagram(defineIncidentLifecycle());
 * // stateDiagram-v2
 * //   [*] --> new
 * //   new --> in_progress: start
 * //   …
 * ```
 */
export function lifecycleDiagram<R, O>(lifecycle: Lifecycle<R, O>, options: LifecycleDiagramOptions = {}): string {
  if (!isLifecycle(lifecycle)) throw new ValidationError([issue(['lifecycle'], 'must be made by a defineXLifecycle() function')], 'argument');
  // One of ours is frozen, but a proxy around it can still throw when its machine is read.
  const regions = readArgument(['lifecycle'], () => lifecycleRegions(lifecycle));
  const wanted = options.region ?? 'state';
  const region = regions.find(([name]) => name === wanted)?.[1];
  if (region === undefined) {
    throw new ValidationError([issue(['options', 'region'], `must be one of ${regions.map(([name]) => name).join(', ')}`, wanted)], 'argument');
  }
  const lines = ['stateDiagram-v2'];
  const initial = typeof region.config.initial === 'string' ? region.config.initial : undefined;
  if (initial !== undefined) lines.push(`  [*] --> ${initial}`);
  for (const [name, state] of Object.entries(region.states)) {
    const arrows = new Map<string, string[]>();
    const staying: string[] = [];
    for (const [event, transitions] of state.transitions) {
      for (const transition of transitions) {
        const target = transition.target?.[0]?.key;
        const guard = typeof transition.guard === 'string' ? ` [${transition.guard}]` : '';
        if (target === undefined) {
          if (!staying.includes(event)) staying.push(event);
          continue;
        }
        const labels = arrows.get(target) ?? [];
        labels.push(`${event}${guard}`);
        arrows.set(target, labels);
      }
    }
    for (const [target, labels] of arrows) lines.push(`  ${name} --> ${target}: ${labels.join(', ')}`);
    if (state.transitions.size === 0) lines.push(`  ${name} --> [*]`);
    if (staying.length > 0) lines.push(`  note right of ${name}: also ${staying.join(', ')}`);
  }
  return lines.join('\n');
}
