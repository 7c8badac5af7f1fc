import { definePriorityMatrix, type PriorityMatrix } from './priority-matrix';

/**
 * The ITIL priority matrix as ServiceNow ships it: impact and urgency 1 High, 2 Medium, 3 Low;
 * priority 1 Critical, 2 High, 3 Moderate, 4 Low, 5 Planning, where each step down in impact
 * or urgency lowers the priority by one.
 *
 * | impact \ urgency | 1 High       | 2 Medium     | 3 Low        |
 * | ---------------- | ------------ | ------------ | ------------ |
 * | 1 High           | 1 Critical   | 2 High       | 3 Moderate   |
 * | 2 Medium         | 2 High       | 3 Moderate   | 4 Low        |
 * | 3 Low            | 3 Moderate   | 4 Low        | 5 Planning   |
 *
 * It is a compiled, frozen matrix, ready for {@link priorityFor}; its `definition` is the data
 * to copy when a vendor wants a variant.
 *
 * @example
 * ```ts
 * priorityFor(DEFAULT_PRIORITY_MATRIX, 2, 1); // => 2
 * const variant = definePriorityMatrix({
 *   ...DEFAULT_PRIORITY_MATRIX.definition,
 *   priorities: DEFAULT_PRIORITY_MATRIX.priorities.map((p) => (p.value === 5 ? { ...p, label: 'Someday' } : p)),
 * });
 * ```
 */
export const DEFAULT_PRIORITY_MATRIX: PriorityMatrix = /* @__PURE__ */ definePriorityMatrix({
  impacts: [
    { value: 1, label: 'High' },
    { value: 2, label: 'Medium' },
    { value: 3, label: 'Low' },
  ],
  urgencies: [
    { value: 1, label: 'High' },
    { value: 2, label: 'Medium' },
    { value: 3, label: 'Low' },
  ],
  priorities: [
    { value: 1, label: 'Critical' },
    { value: 2, label: 'High' },
    { value: 3, label: 'Moderate' },
    { value: 4, label: 'Low' },
    { value: 5, label: 'Planning' },
  ],
  cells: [
    { impact: 1, urgency: 1, priority: 1 },
    { impact: 1, urgency: 2, priority: 2 },
    { impact: 1, urgency: 3, priority: 3 },
    { impact: 2, urgency: 1, priority: 2 },
    { impact: 2, urgency: 2, priority: 3 },
    { impact: 2, urgency: 3, priority: 4 },
    { impact: 3, urgency: 1, priority: 3 },
    { impact: 3, urgency: 2, priority: 4 },
    { impact: 3, urgency: 3, priority: 5 },
  ],
});
