import { safeDefineCondition } from '../core/condition';
import { parseWith } from '../core/from-zod';
import { issue, type ValidationIssue } from '../core/validation-error';
import { SlaDuration } from './sla-policy.schema';

/** The condition slots of a target, in the order a reader meets them. @internal */
export const CONDITION_SLOTS = ['appliesTo', 'start', 'pause', 'stop', 'cancel', 'reset'] as const;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The problems of a policy the schema cannot see: targets that repeat an id, thresholds out of
 * order, a duration by priority that gives no duration at all. It reads the input as it is, so
 * it also runs when the schema failed: an editor then shows every problem at once, not the
 * second half after the first is fixed. Values of the wrong type are the schema's to report.
 * @internal
 */
export function policyChecks(definition: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const targets = isObject(definition) ? definition['targets'] : undefined;
  if (!Array.isArray(targets)) return issues;
  const seen = new Map<string, number>();
  targets.forEach((target: unknown, index) => {
    if (!isObject(target)) return;
    const at = ['targets', index];
    const id = target['id'];
    if (typeof id === 'string') {
      const first = seen.get(id);
      if (first !== undefined) issues.push(issue([...at, 'id'], `repeats targets[${first}].id`, id));
      else seen.set(id, index);
    }
    const thresholds = target['thresholds'];
    if (Array.isArray(thresholds)) {
      const values: readonly unknown[] = thresholds;
      for (let k = 1; k < values.length; k++) {
        const [before, value] = [values[k - 1], values[k]];
        if (typeof before === 'number' && typeof value === 'number' && value <= before) issues.push(issue([...at, 'thresholds', k], 'must be greater than the threshold before it', value));
      }
    }
    const duration = target['duration'];
    // With no priority listed and no default, no record ever has a duration: the target is dead.
    if (isObject(duration) && isObject(duration['byPriority']) && Object.keys(duration['byPriority']).length === 0 && duration['default'] === undefined) {
      issues.push(issue([...at, 'duration'], 'must give a duration for at least one priority, or a default'));
    }
  });
  return issues;
}

/**
 * The schema's issues, made precise where a union hides the cause: a malformed condition or
 * duration fails every branch of its union, and the schema then says only "Invalid input" at
 * the slot. The condition compiler and the duration branch the input meant say what and where.
 * @internal
 */
export function sharpenedIssues(definition: unknown, issues: readonly ValidationIssue[]): ValidationIssue[] {
  return issues.flatMap((found) => {
    const [root, index, slot, ...rest] = found.path;
    if (root !== 'targets' || typeof index !== 'number' || rest.length > 0) return [found];
    const value = valueAt(definition, index, slot);
    if ((CONDITION_SLOTS as readonly unknown[]).includes(slot)) return conditionIssues(found, value);
    if (slot === 'duration') return durationIssues(found, value);
    return [found];
  });
}

function valueAt(definition: unknown, index: number, slot: unknown): unknown {
  const targets = isObject(definition) ? definition['targets'] : undefined;
  const target: unknown = Array.isArray(targets) ? targets[index] : undefined;
  return isObject(target) && typeof slot === 'string' ? target[slot] : undefined;
}

function conditionIssues(found: ValidationIssue, value: unknown): ValidationIssue[] {
  if (value === undefined) return [issue(found.path, 'is required: a condition such as { field: "state", eq: "new" }')];
  const result = safeDefineCondition(value);
  if (result.success) return [found];
  return result.error.issues.map((inner) => ({ ...inner, path: [...found.path, ...inner.path] }));
}

function durationIssues(found: ValidationIssue, value: unknown): ValidationIssue[] {
  const [fixed, byPriority] = SlaDuration.options;
  const branch = !isObject(value) ? undefined : 'ms' in value ? fixed : 'byPriority' in value || 'default' in value ? byPriority : undefined;
  if (branch === undefined) return [issue(found.path, 'must be { ms } or { byPriority, default? }, in milliseconds of business time', value)];
  const result = parseWith(branch, value, 'SLA policy');
  if (result.success) return [found];
  return result.error.issues.map((inner) => ({ ...inner, path: [...found.path, ...inner.path] }));
}
