import { issue, type IssuePath, type ValidationIssue } from '../core/validation-error';

const MAX_DEPTH = 64;
// With the `u` flag a surrogate pair is one code point, so this matches unpaired surrogates only.
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * Problems that would keep a value from surviving storage as JSON unchanged, in any adapter:
 * something JSON cannot hold (undefined, functions, NaN, class instances), a string PostgreSQL's
 * JSONB refuses (a NUL character, an unpaired surrogate), or nesting deeper than 64 levels.
 * Both adapters refuse the same values, so they keep the same semantics.
 * @internal
 */
export function storableJsonIssues(value: unknown, path: IssuePath = []): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  visit(value, path, 0, issues);
  return issues;
}

function visit(value: unknown, path: IssuePath, depth: number, issues: ValidationIssue[]): void {
  if (issues.length >= 20) return;
  if (value === null || typeof value === 'boolean') return;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) issues.push(issue(path, 'must not contain the NUL character (U+0000)'));
    else if (LONE_SURROGATE.test(value)) issues.push(issue(path, 'must be well-formed Unicode (it has an unpaired surrogate)'));
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) issues.push(issue(path, 'must be a finite number', value));
    return;
  }
  if (depth >= MAX_DEPTH) {
    issues.push(issue(path, `nests deeper than ${MAX_DEPTH} levels`));
    return;
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) visit(value[index], [...path, index], depth + 1, issues);
    return;
  }
  if (typeof value === 'object') {
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype !== Object.prototype && prototype !== null) {
      issues.push(issue(path, 'must be plain JSON data: a plain object, array, string, finite number, boolean or null'));
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      if (key.includes('\u0000') || LONE_SURROGATE.test(key)) issues.push(issue([...path, key], 'is not a key JSONB can store'));
      else if (child !== undefined) visit(child, [...path, key], depth + 1, issues);
    }
    return;
  }
  issues.push(issue(path, `must be plain JSON data, not ${typeof value}`));
}
