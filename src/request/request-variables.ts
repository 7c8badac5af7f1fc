import { listEntries } from '../core/list-entries';
import { deepFreeze } from '../core/deep-freeze';
import { matchesFormPattern } from '../core/form-pattern';
import { parseWith } from '../core/from-zod';
import type { SafeResult } from '../core/safe-result';
import { unreadableIssue } from '../core/unreadable-argument';
import { issue, ValidationError, type ValidationIssue } from '../core/validation-error';
import { CatalogItem, type CatalogVariable } from './catalog-item.schema';

/** An answer to a catalog variable: text, a number, a yes/no, one or several choices, a date, a reference id. */
export type VariableValue = string | number | boolean | readonly string[];

/**
 * Validates a catalog item definition.
 *
 * @param item - the catalog item as data
 * @returns the item, deeply frozen
 * @throws {@link ValidationError} naming the path of every problem
 *
 * @example
 * ```ts
 * const laptop = defineCatalogItem({
 *   id: 'cat-laptop', name: 'Laptop', active: true,
 *   variables: [{ name: 'model', label: 'Model', type: 'choice', required: true, choices: [{ value: 'x1', label: 'X1' }] }],
 *   approval: { required: true, approvers: [{ kind: 'user', id: 'manager' }] },
 *   fulfilmentTasks: [{ shortDescription: 'Image and ship', assignmentGroup: { kind: 'group', id: 'it-logistics' }, order: 1 }],
 * });
 * ```
 */
export function defineCatalogItem(item: CatalogItem): CatalogItem {
  const result = safeDefineCatalogItem(item);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * Like {@link defineCatalogItem}, but returns the error, and takes `unknown`: the function for
 * catalog items read from storage or an editor.
 *
 * @param item - anything; typically parsed JSON
 * @returns `{ success: true, data }` or `{ success: false, error }`
 *
 * @example
 * ```ts
 * const result = safeDefineCatalogItem(JSON.parse(body));
 * if (!result.success) console.log(result.error.issues);
 * ```
 */
export function safeDefineCatalogItem(item: unknown): SafeResult<CatalogItem, ValidationError> {
  const parsed = parseWith(CatalogItem, item, 'catalog item');
  return parsed.success ? { success: true, data: deepFreeze(parsed.data) } : parsed;
}

/**
 * Checks a requester's answers against a catalog item's questions: every required question
 * answered, every answer of its question's type and within its rules, no answer to a question
 * the item does not ask.
 *
 * @param item - a catalog item from {@link defineCatalogItem}
 * @param answers - the answers by variable name
 * @returns the answers, deeply frozen
 * @throws {@link ValidationError} with an issue at `['variables', name]` for each bad answer
 *
 * @example
 * ```ts
 * validateRequestVariables(laptop, { model: 'x1' }); // => { model: 'x1' }
 * validateRequestVariables(laptop, {});              // throws: variables.model is required
 * ```
 */
export function validateRequestVariables(item: CatalogItem, answers: unknown): Readonly<Record<string, VariableValue>> {
  const result = safeValidateRequestVariables(item, answers);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * Like {@link validateRequestVariables}, but returns the error instead of throwing it.
 *
 * @param item - a catalog item from {@link defineCatalogItem}
 * @param answers - anything; typically the body of a request form
 * @returns `{ success: true, data }` with the answers, or `{ success: false, error }`
 *
 * @example
 * ```ts
 * const result = safeValidateRequestVariables(laptop, form);
 * if (!result.success) showErrors(result.error.issues);
 * ```
 */
export function safeValidateRequestVariables(item: CatalogItem, answers: unknown): SafeResult<Readonly<Record<string, VariableValue>>, ValidationError> {
  const checked = safeDefineCatalogItem(item);
  if (!checked.success) return { success: false, error: new ValidationError(checked.error.issues.map((i) => ({ ...i, path: ['item', ...i.path] })), 'argument') };
  const read = readAnswers(answers);
  if (!read.success) return read;
  const given = read.data;
  const issues: ValidationIssue[] = [];
  const result: Record<string, VariableValue> = {};
  const known = new Set(checked.data.variables.map((variable) => variable.name));
  for (const key of given.keys()) {
    if (!known.has(key)) issues.push(issue(['variables', key], 'is not a question of this catalog item'));
  }
  for (const variable of checked.data.variables) {
    const value = given.get(variable.name);
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
      if (variable.required) issues.push(issue(['variables', variable.name], 'is required'));
      continue;
    }
    const problem = checkAnswer(variable, value);
    if (problem === undefined) result[variable.name] = value as VariableValue;
    else issues.push(issue(['variables', variable.name], problem, value));
  }
  if (issues.length > 0) return { success: false, error: new ValidationError(issues, 'request variables') };
  return { success: true, data: deepFreeze(result) };
}

/**
 * The answers by name, each read once: a list answer copied by index (a hole as undefined), so
 * what is checked is what is kept, and the caller's list is never frozen with the result. A
 * field that throws when read (a getter, a revoked proxy) is named.
 */
function readAnswers(answers: unknown): SafeResult<ReadonlyMap<string, unknown>, ValidationError> {
  const refuse = (found: ValidationIssue[]): { success: false; error: ValidationError } => ({ success: false, error: new ValidationError(found, 'request variables') });
  let keys: string[];
  try {
    if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) return refuse([issue(['variables'], 'must be an object of answers by variable name')]);
    keys = Object.keys(answers);
  } catch (cause) {
    return refuse([unreadableIssue(['variables'], cause)]);
  }
  const given = new Map<string, unknown>();
  const issues: ValidationIssue[] = [];
  for (const key of keys) {
    try {
      const value: unknown = (answers as Record<string, unknown>)[key];
      given.set(key, Array.isArray(value) ? listEntries(value as unknown[]) : value);
    } catch (cause) {
      issues.push(unreadableIssue(['variables', key], cause));
    }
  }
  return issues.length > 0 ? refuse(issues) : { success: true, data: given };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What is wrong with one answer, or undefined when it is right. */
function checkAnswer(variable: CatalogVariable, value: unknown): string | undefined {
  switch (variable.type) {
    case 'text': {
      if (typeof value !== 'string') return 'must be text';
      if (variable.minLength !== undefined && value.length < variable.minLength) return `must be at least ${variable.minLength} characters`;
      if (value.length > (variable.maxLength ?? 100_000)) return `must be at most ${variable.maxLength ?? 100_000} characters`;
      if (variable.pattern !== undefined) {
        const matched = matchesFormPattern(variable.pattern, value);
        if (typeof matched === 'string') return `cannot be checked: the pattern of its question ${matched}`;
        if (!matched) return 'does not have the required form';
      }
      return undefined;
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      if (variable.integer === true && !Number.isInteger(value)) return 'must be a whole number';
      if (variable.min !== undefined && value < variable.min) return `must be at least ${variable.min}`;
      if (variable.max !== undefined && value > variable.max) return `must be at most ${variable.max}`;
      return undefined;
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'choice': {
      const allowed = new Set(variable.choices.map((choice) => choice.value));
      if (variable.multiple === true) {
        // The answers' lists are copies by index: a hole is there as undefined, no choice.
        if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return 'must be a list of choices';
        if (new Set(value).size !== value.length) return 'must not pick a choice twice';
        return value.every((v: string) => allowed.has(v)) ? undefined : `must be among ${[...allowed].join(', ')}`;
      }
      return typeof value === 'string' && allowed.has(value) ? undefined : `must be one of ${[...allowed].join(', ')}`;
    }
    case 'date': {
      if (typeof value !== 'string' || !ISO_DATE.test(value)) return 'must be a date YYYY-MM-DD';
      const date = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? undefined : 'must be a real calendar date';
    }
    case 'reference':
      return typeof value === 'string' && value.length <= 128 ? undefined : `must be the id of a ${variable.refersTo.replace('_', ' ')}`;
  }
}
