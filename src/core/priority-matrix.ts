import { attachCompiled, readCompiled } from './compiled-brand';
import { deepFreeze } from './deep-freeze';
import type { DeepReadonly } from './deep-readonly';
import { parseWith } from './from-zod';
import { PriorityMatrixDefinition, type PriorityMatrixLevel } from './priority-matrix.schema';
import type { SafeResult } from './safe-result';
import { issue, ValidationError, type ValidationIssue } from './validation-error';

const COMPILED = Symbol.for('itsm-kit.priority-matrix.compiled');

/**
 * A validated, compiled priority matrix: made by {@link definePriorityMatrix}, read by
 * {@link priorityFor} and the label functions. It is deeply frozen. `JSON.stringify` gives its
 * definition, so `definePriorityMatrix(JSON.parse(JSON.stringify(m)))` makes the same matrix again.
 */
export interface PriorityMatrix {
  /** The impact levels, in the order the definition lists them (the order a form shows them). */
  readonly impacts: readonly DeepReadonly<PriorityMatrixLevel>[];
  /** The urgency levels, in the order the definition lists them. */
  readonly urgencies: readonly DeepReadonly<PriorityMatrixLevel>[];
  /** The priority levels, in the order the definition lists them. */
  readonly priorities: readonly DeepReadonly<PriorityMatrixLevel>[];
  /** The validated definition, deeply frozen: the data to store. */
  readonly definition: DeepReadonly<PriorityMatrixDefinition>;
  /** The definition, for `JSON.stringify`. */
  toJSON(): DeepReadonly<PriorityMatrixDefinition>;
}

/**
 * The levels of one axis, looked up by value.
 * @internal
 */
export interface LevelIndex {
  /** The axis in words, for messages: `impact`, `urgency`, `priority`. */
  readonly noun: string;
  readonly labels: ReadonlyMap<number, string>;
}

/** @internal */
export interface CompiledPriorityMatrix {
  readonly impacts: LevelIndex;
  readonly urgencies: LevelIndex;
  readonly priorities: LevelIndex;
  /** impact → urgency → priority. */
  readonly cells: ReadonlyMap<number, ReadonlyMap<number, number>>;
}

/**
 * Validates a priority matrix definition and compiles it for lookups.
 *
 * @param definition - the impact, urgency and priority levels, and one cell per impact × urgency
 * @returns the matrix, to pass to {@link priorityFor} and {@link priorityLabel}
 * @throws {@link ValidationError} naming the path of every invalid field
 *
 * @example
 * ```ts
 * const matrix = definePriorityMatrix({
 *   impacts: [{ value: 1, label: 'High' }, { value: 2, label: 'Low' }],
 *   urgencies: [{ value: 1, label: 'High' }, { value: 2, label: 'Low' }],
 *   priorities: [{ value: 1, label: 'Urgent' }, { value: 2, label: 'Normal' }, { value: 3, label: 'Low' }],
 *   cells: [
 *     { impact: 1, urgency: 1, priority: 1 },
 *     { impact: 1, urgency: 2, priority: 2 },
 *     { impact: 2, urgency: 1, priority: 2 },
 *     { impact: 2, urgency: 2, priority: 3 },
 *   ],
 * });
 * priorityFor(matrix, 1, 2); // => 2
 * ```
 */
export function definePriorityMatrix(definition: DeepReadonly<PriorityMatrixDefinition>): PriorityMatrix {
  const result = safeDefinePriorityMatrix(definition);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * Like {@link definePriorityMatrix}, but returns the validation error instead of throwing it.
 * Takes `unknown`, so it is the function to give a definition read from a database or a request.
 *
 * @param definition - anything; typically parsed JSON
 * @returns `{ success: true, data }` with the matrix, or `{ success: false, error }`
 *
 * @example
 * ```ts
 * const result = safeDefinePriorityMatrix(JSON.parse(body));
 * if (!result.success) return respond(400, result.error.issues);
 * ```
 */
export function safeDefinePriorityMatrix(definition: unknown): SafeResult<PriorityMatrix, ValidationError> {
  const parsed = parseWith(PriorityMatrixDefinition, definition, 'priority matrix definition');
  if (!parsed.success) return parsed;
  const frozen: DeepReadonly<PriorityMatrixDefinition> = deepFreeze(parsed.data);
  const matrix = {
    impacts: frozen.impacts,
    urgencies: frozen.urgencies,
    priorities: frozen.priorities,
    definition: frozen,
  } as PriorityMatrix;
  attachCompiled(matrix, COMPILED, compile(frozen));
  Object.defineProperty(matrix, 'toJSON', { value: () => frozen });
  return { success: true, data: Object.freeze(matrix) };
}

function compile(definition: DeepReadonly<PriorityMatrixDefinition>): CompiledPriorityMatrix {
  const index = (levels: readonly DeepReadonly<PriorityMatrixLevel>[], noun: string): LevelIndex => ({
    noun,
    labels: new Map(levels.map((level) => [level.value, level.label])),
  });
  const cells = new Map<number, Map<number, number>>();
  for (const cell of definition.cells) {
    let row = cells.get(cell.impact);
    if (row === undefined) cells.set(cell.impact, (row = new Map<number, number>()));
    row.set(cell.urgency, cell.priority);
  }
  return {
    impacts: index(definition.impacts, 'impact'),
    urgencies: index(definition.urgencies, 'urgency'),
    priorities: index(definition.priorities, 'priority'),
    cells,
  };
}

/**
 * The compiled form of a matrix, or a validation error when `matrix` is not one made by
 * `definePriorityMatrix` (a plain definition passed by mistake, say).
 * @internal
 */
export function compiledPriorityMatrix(matrix: unknown, field = 'matrix'): CompiledPriorityMatrix {
  const compiled = readCompiled<CompiledPriorityMatrix>(matrix, COMPILED);
  if (compiled === undefined) {
    throw new ValidationError([issue([field], 'must be a priority matrix made by definePriorityMatrix()')], 'argument');
  }
  return compiled;
}

/**
 * An issue naming `field` when `value` is not one of the levels, or undefined when it is.
 * @internal
 */
export function unknownLevelIssue(levels: LevelIndex, value: unknown, field: string): ValidationIssue | undefined {
  if (typeof value === 'number' && levels.labels.has(value)) return undefined;
  const listing = [...levels.labels].map(([level, label]) => `${level} (${label})`).join(', ');
  return issue([field], `must be one of the matrix’s ${levels.noun} values: ${listing}`, value);
}
