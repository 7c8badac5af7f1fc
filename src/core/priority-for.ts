import { compiledPriorityMatrix, unknownLevelIssue, type PriorityMatrix } from './priority-matrix';
import { ValidationError, type ValidationIssue } from './validation-error';

/**
 * The priority a record gets from its impact and urgency: the cell of the matrix for that
 * combination.
 *
 * @param matrix - a matrix made by {@link definePriorityMatrix}, or {@link DEFAULT_PRIORITY_MATRIX}
 * @param impact - the value of one of the matrix's impacts
 * @param urgency - the value of one of the matrix's urgencies
 * @returns the value of the priority in that cell
 * @throws {@link ValidationError} naming `matrix` when it was not made by
 *   {@link definePriorityMatrix}, and `impact` or `urgency` (or both) for a value the matrix
 *   does not list
 *
 * @example
 * ```ts
 * priorityFor(DEFAULT_PRIORITY_MATRIX, 1, 2); // => 2 (High)
 * priorityFor(DEFAULT_PRIORITY_MATRIX, 3, 3); // => 5 (Planning)
 * ```
 */
export function priorityFor(matrix: PriorityMatrix, impact: number, urgency: number): number {
  const compiled = compiledPriorityMatrix(matrix);
  const issues = [unknownLevelIssue(compiled.impacts, impact, 'impact'), unknownLevelIssue(compiled.urgencies, urgency, 'urgency')].filter(
    (found): found is ValidationIssue => found !== undefined,
  );
  if (issues.length > 0) throw new ValidationError(issues, 'argument');
  // Validation guarantees a cell for every listed impact × urgency.
  return compiled.cells.get(impact)!.get(urgency)!;
}
