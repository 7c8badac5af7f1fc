import { compiledPriorityMatrix, unknownLevelIssue, type LevelIndex, type PriorityMatrix } from './priority-matrix';
import { ValidationError } from './validation-error';

function labelOf(matrix: PriorityMatrix, axis: 'impacts' | 'urgencies' | 'priorities', value: number, field: string): string {
  const levels: LevelIndex = compiledPriorityMatrix(matrix)[axis];
  const found = unknownLevelIssue(levels, value, field);
  if (found !== undefined) throw new ValidationError([found], 'argument');
  return levels.labels.get(value)!;
}

/**
 * The label of a priority, for showing a record's priority to a person.
 *
 * @param matrix - a matrix made by {@link definePriorityMatrix}, or {@link DEFAULT_PRIORITY_MATRIX}
 * @param priority - the value of one of the matrix's priorities
 * @returns its label
 * @throws {@link ValidationError} naming `priority` for a value the matrix does not list, or
 *   `matrix` when it was not made by {@link definePriorityMatrix}
 *
 * @example
 * ```ts
 * priorityLabel(DEFAULT_PRIORITY_MATRIX, 1); // => 'Critical'
 * priorityLabel(DEFAULT_PRIORITY_MATRIX, priorityFor(DEFAULT_PRIORITY_MATRIX, 2, 2)); // => 'Moderate'
 * ```
 */
export function priorityLabel(matrix: PriorityMatrix, priority: number): string {
  return labelOf(matrix, 'priorities', priority, 'priority');
}

/**
 * The label of an impact.
 *
 * @param matrix - a matrix made by {@link definePriorityMatrix}, or {@link DEFAULT_PRIORITY_MATRIX}
 * @param impact - the value of one of the matrix's impacts
 * @returns its label
 * @throws {@link ValidationError} naming `impact` for a value the matrix does not list, or
 *   `matrix` when it was not made by {@link definePriorityMatrix}
 *
 * @example
 * ```ts
 * impactLabel(DEFAULT_PRIORITY_MATRIX, 3); // => 'Low'
 * ```
 */
export function impactLabel(matrix: PriorityMatrix, impact: number): string {
  return labelOf(matrix, 'impacts', impact, 'impact');
}

/**
 * The label of an urgency.
 *
 * @param matrix - a matrix made by {@link definePriorityMatrix}, or {@link DEFAULT_PRIORITY_MATRIX}
 * @param urgency - the value of one of the matrix's urgencies
 * @returns its label
 * @throws {@link ValidationError} naming `urgency` for a value the matrix does not list, or
 *   `matrix` when it was not made by {@link definePriorityMatrix}
 *
 * @example
 * ```ts
 * urgencyLabel(DEFAULT_PRIORITY_MATRIX, 1); // => 'High'
 * ```
 */
export function urgencyLabel(matrix: PriorityMatrix, urgency: number): string {
  return labelOf(matrix, 'urgencies', urgency, 'urgency');
}
