import { listEntries } from './list-entries';
import { attachCompiled, readCompiled } from './compiled-brand';
import { deepFreeze } from './deep-freeze';
import type { SafeResult } from './safe-result';
import { generatedConditionSet, generatedPredicate, OWN_PREVIOUS, PreviousUnreadable, walkPath, walkPrevious, type ConditionSetPredicate, type Predicate } from './condition-code';
import { FIELD_OPERATORS, type Condition, type ConditionValue, type FieldOperator } from './condition.schema';
import { unreadableArgument, unreadableIssue } from './unreadable-argument';
import { issue, ValidationError, type IssuePath, type ValidationIssue } from './validation-error';

/** Options of {@link defineCondition}. */
export interface DefineConditionOptions {
  /**
   * The fields a condition may name (dotted paths, e.g. `assignment.group`). A condition naming
   * any other field is refused, which catches a typo when the rule is saved rather than when it
   * silently never matches. Omit to allow any well-formed path.
   */
  readonly fields?: readonly string[];
}

/** A validated condition, ready for {@link evaluateCondition}. */
export interface CompiledCondition {
  /** The condition as data, deeply frozen. */
  readonly condition: Condition;
  /** Every field the condition reads, sorted. */
  readonly fields: readonly string[];
}

/** Deeper nesting than this is refused: no legitimate rule needs it, and it bounds recursion. */
export const MAX_CONDITION_DEPTH = 32;
/** More nodes than this are refused, for the same reason. */
export const MAX_CONDITION_NODES = 1000;

const PATH = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const COMPILED = Symbol.for('itsm-kit.condition.compiled');
/**
 * Validates a condition and compiles it into a predicate.
 *
 * @param condition - the condition as data, e.g. `{ all: [{ field: 'state', in: ['new'] }, { field: 'priority', lte: 2 }] }`
 * @param options - the fields a condition may name
 * @returns the compiled condition, for {@link evaluateCondition}
 * @throws {@link ValidationError} naming the path of every problem, unknown fields included
 *
 * @example
 * ```ts
 * const urgent = defineCondition({ all: [{ field: 'priority', lte: 2 }, { not: { field: 'state', eq: 'on_hold' } }] });
 * evaluateCondition(urgent, { priority: 1, state: 'in_progress' }); // => true
 * ```
 */
export function defineCondition(condition: Condition, options: DefineConditionOptions = {}): CompiledCondition {
  const result = safeDefineCondition(condition, options);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * Like {@link defineCondition}, but returns the validation error instead of throwing it, and
 * takes `unknown`: the function for rules read from storage or a request.
 *
 * @param condition - anything; typically parsed JSON
 * @param options - the fields a condition may name
 * @returns `{ success: true, data }` or `{ success: false, error }`
 *
 * @example
 * ```ts
 * const result = safeDefineCondition({ field: 'priorty', eq: 1 }, { fields: ['priority', 'state'] });
 * // result.success === false; result.error.issues[0].path => ['field']
 * ```
 */
export function safeDefineCondition(condition: unknown, options: DefineConditionOptions = {}): SafeResult<CompiledCondition, ValidationError> {
  const issues: ValidationIssue[] = [];
  const known = knownFields(options, issues);
  if (issues.length > 0) return { success: false, error: new ValidationError(issues, 'condition options') };
  const fields = new Set<string>();
  const state = { nodes: 0 };
  let predicate: Predicate | undefined;
  let data: Condition | undefined;
  try {
    // Checked, kept and run are one copy, read once: a getter or a `toJSON` on the input
    // cannot show the check one rule and the generated function another.
    const copy = plainCopy(condition, 0);
    predicate = compile(copy, [], 1, { issues, fields, known, state });
    if (predicate !== undefined) data = deepFreeze(copy as Condition);
  } catch (cause) {
    // A hostile input (a throwing getter, a revoked proxy) ends as a validation error too.
    issues.push(unreadableIssue([], cause));
  }
  if (issues.length > 0 || predicate === undefined || data === undefined) {
    return { success: false, error: new ValidationError(issues, 'condition') };
  }
  const compiled: CompiledCondition = { condition: data, fields: Object.freeze([...fields].sort()) };
  // The closures checked the condition; the generated form runs it, where the host allows.
  attachCompiled(compiled, COMPILED, generatedPredicate(data) ?? predicate);
  return { success: true, data: Object.freeze(compiled) };
}

/** Deeper than any condition the limits allow (a level is an object and its list). */
const COPY_DEPTH = 2 * MAX_CONDITION_DEPTH + 4;

/**
 * A copy of the input made of plain objects and arrays, each own enumerable property read
 * once; anything else is kept as it is, for the check to refuse. Past {@link COPY_DEPTH} it
 * stops (a cycle, say): the check refuses the condition for its depth before it gets there.
 */
function plainCopy(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null || depth > COPY_DEPTH) return value;
  if (Array.isArray(value)) {
    // By index, not map: a hole becomes undefined, for the check to refuse at its index, where
    // map would keep it and the check (and the generated code) would pass over it. Nothing
    // after a hole is read, so a length far past the entries costs nothing.
    return listEntries(value as unknown[]).map((item) => plainCopy(item, depth + 1));
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    // Defined, not assigned: an own `__proto__` key stays a key (for the check to refuse).
    Object.defineProperty(copy, key, { value: plainCopy((value as Record<string, unknown>)[key], depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

/**
 * Whether a record satisfies a condition. A missing field reads as `null`: it equals `null`,
 * does not exist, and fails every ordering; an ordering between a number and a string is false.
 *
 * @param condition - a condition from {@link defineCondition}
 * @param record - the record, a plain object
 * @returns true when the record satisfies the condition
 * @throws {@link ValidationError} when `condition` was not made by `defineCondition`, or `record` is not an
 *   object or cannot be read
 *
 * @example
 * ```ts
 * const waiting = defineCondition({ field: 'state', in: ['on_hold', 'awaiting_caller'] });
 * evaluateCondition(waiting, { state: 'on_hold' }); // => true
 * ```
 */
export function evaluateCondition(condition: CompiledCondition, record: unknown): boolean {
  const predicate = predicateOf(condition);
  if (typeof record !== 'object' || record === null) throw new ValidationError([issue(['record'], 'must be an object', record)], 'argument');
  try {
    return predicate(record, OWN_PREVIOUS);
  } catch (cause) {
    // A record that cannot be read (a throwing getter, a revoked proxy) is bad input too.
    return unreadableRecord(cause);
  }
}

/**
 * {@link evaluateCondition} with the version before given apart, as `previous`, rather than as a
 * field of the record; `previous` may be undefined (no version before). @internal
 */
export function evaluateConditionAfter(condition: CompiledCondition, record: object, previous: object | undefined): boolean {
  const predicate = predicateOf(condition);
  try {
    return predicate(record, previous);
  } catch (cause) {
    return unreadableRecord(cause);
  }
}

/**
 * Several compiled conditions as one function of (record, version before): bit `i` of its
 * result is set when `conditions[i]` holds (an undefined entry never does). At most 31. The
 * SLA engine reads the conditions of up to five targets at every version this way. A record that
 * cannot be read throws a {@link ValidationError}. @internal
 */
export function conditionSet(conditions: readonly (CompiledCondition | undefined)[]): ConditionSetPredicate {
  // Checked first: each must be one of ours, whichever form runs.
  const predicates = conditions.map((condition) => (condition === undefined ? undefined : predicateOf(condition)));
  const generated = generatedConditionSet(conditions.map((condition) => condition?.condition), unreadableRecord);
  if (generated !== undefined) return generated;
  return (record, previous) => {
    let holding = 0;
    try {
      for (let index = 0; index < predicates.length; index++) if (predicates[index]?.(record, previous) === true) holding |= 2 ** index;
    } catch (cause) {
      unreadableRecord(cause);
    }
    return holding;
  };
}

/** The predicate of a condition, or a validation error when it was not made by defineCondition. */
function predicateOf(condition: unknown): Predicate {
  const predicate = readCompiled<Predicate>(condition, COMPILED);
  if (predicate === undefined) throw new ValidationError([issue(['condition'], 'must be made by defineCondition()')], 'argument');
  return predicate;
}

/**
 * A record that threw when read (a throwing getter, a revoked proxy) is bad input, named
 * `record`; the version before, given apart as `previous`, is named `previous`. @internal
 */
export function unreadableRecord(cause: unknown): never {
  if (cause instanceof PreviousUnreadable) return unreadableArgument(['previous'], cause.reason);
  return unreadableArgument(['record'], cause);
}

interface Context {
  readonly issues: ValidationIssue[];
  readonly fields: Set<string>;
  readonly known: ReadonlySet<string> | undefined;
  readonly state: { nodes: number };
}

function compile(node: unknown, path: IssuePath, depth: number, context: Context): Predicate | undefined {
  const { issues } = context;
  if (depth > MAX_CONDITION_DEPTH) {
    issues.push(issue(path, `nests deeper than ${MAX_CONDITION_DEPTH} levels`));
    return undefined;
  }
  if (++context.state.nodes > MAX_CONDITION_NODES) {
    if (context.state.nodes === MAX_CONDITION_NODES + 1) issues.push(issue(path, `makes the condition longer than ${MAX_CONDITION_NODES} parts`));
    return undefined;
  }
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    issues.push(issue(path, 'must be a condition object: { field, <operator> }, { all }, { any } or { not }', node));
    return undefined;
  }
  const keys = Object.keys(node);
  const record = node as Record<string, unknown>;
  if ('all' in record || 'any' in record) {
    const combinator = 'all' in record ? 'all' : 'any';
    if (!onlyKeys(keys, [combinator], path, issues)) return undefined;
    const list = record[combinator];
    if (!Array.isArray(list)) {
      issues.push(issue([...path, combinator], 'must be an array of conditions', list));
      return undefined;
    }
    const parts = list.map((child, index) => compile(child, [...path, combinator, index], depth + 1, context));
    if (parts.some((part) => part === undefined)) return undefined;
    const predicates = parts as Predicate[];
    return combinator === 'all'
      ? (value, previous) => {
          for (const part of predicates) if (!part(value, previous)) return false;
          return true;
        }
      : (value, previous) => {
          for (const part of predicates) if (part(value, previous)) return true;
          return false;
        };
  }
  if ('not' in record) {
    if (!onlyKeys(keys, ['not'], path, issues)) return undefined;
    const inner = compile(record['not'], [...path, 'not'], depth + 1, context);
    return inner === undefined ? undefined : (value, previous) => !inner(value, previous);
  }
  if ('field' in record) return compileField(record, keys, path, context);
  issues.push(issue(path, 'must have `field` with one operator, or `all`, `any` or `not`'));
  return undefined;
}

function compileField(record: Record<string, unknown>, keys: string[], path: IssuePath, context: Context): Predicate | undefined {
  const { issues } = context;
  const operators = keys.filter((key): key is FieldOperator => (FIELD_OPERATORS as readonly string[]).includes(key));
  const unknown = keys.filter((key) => key !== 'field' && !(FIELD_OPERATORS as readonly string[]).includes(key));
  for (const key of unknown) issues.push(issue([...path, key], `is not an operator (use one of ${FIELD_OPERATORS.join(', ')})`));
  const name = record['field'];
  let fieldOk = true;
  if (typeof name !== 'string' || !PATH.test(name)) {
    issues.push(issue([...path, 'field'], 'must be a field name or dotted path such as assignment.group', name));
    fieldOk = false;
  } else if (context.known !== undefined && !context.known.has(name)) {
    issues.push(issue([...path, 'field'], `is not a known field (known: ${describeKnown(context.known)})`, name));
    fieldOk = false;
  }
  if (operators.length !== 1) {
    issues.push(issue(path, operators.length === 0 ? 'must have one operator' : `must have one operator, not ${operators.join(' and ')}`));
    return undefined;
  }
  const operator = operators[0]!;
  const operand = record[operator];
  const operandPath = [...path, operator];
  const read = fieldOk ? reader(name as string) : undefined;
  let predicate: ((value: unknown) => boolean) | undefined;
  switch (operator) {
    case 'eq':
    case 'ne': {
      if (!isValue(operand)) {
        issues.push(issue(operandPath, 'must be a string, number, boolean or null', operand));
        break;
      }
      predicate = operator === 'eq' ? equals(operand) : negate(equals(operand));
      break;
    }
    case 'in':
    case 'notIn': {
      if (!Array.isArray(operand)) {
        issues.push(issue(operandPath, 'must be an array of strings, numbers, booleans or nulls', operand));
        break;
      }
      const bad = operand.findIndex((item) => !isValue(item));
      if (bad >= 0) {
        issues.push(issue([...operandPath, bad], 'must be a string, number, boolean or null', operand[bad]));
        break;
      }
      const set = new Set(operand as ConditionValue[]);
      predicate = operator === 'in' ? (value) => set.has(value as ConditionValue) : (value) => !set.has(value as ConditionValue);
      break;
    }
    case 'exists': {
      if (typeof operand !== 'boolean') {
        issues.push(issue(operandPath, 'must be true or false', operand));
        break;
      }
      predicate = (value) => (value !== null) === operand;
      break;
    }
    default: {
      if (!((typeof operand === 'number' && Number.isFinite(operand)) || typeof operand === 'string')) {
        issues.push(issue(operandPath, 'must be a finite number or a string', operand));
        break;
      }
      predicate = ordering(operator, operand);
    }
  }
  if (read === undefined || predicate === undefined) return undefined;
  context.fields.add(name as string);
  const test = predicate;
  return (recordValue, previous) => test(read(recordValue, previous));
}

function onlyKeys(keys: string[], allowed: string[], path: IssuePath, issues: ValidationIssue[]): boolean {
  const extra = keys.filter((key) => !allowed.includes(key));
  for (const key of extra) issues.push(issue([...path, key], `is not allowed beside ${allowed.join(', ')}`));
  return extra.length === 0;
}

function isValue(value: unknown): value is ConditionValue {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function equals(operand: ConditionValue): (value: unknown) => boolean {
  return (value) => value === operand;
}

function negate(test: (value: unknown) => boolean): (value: unknown) => boolean {
  return (value) => !test(value);
}

function ordering(operator: 'gt' | 'gte' | 'lt' | 'lte', operand: number | string): (value: unknown) => boolean {
  const kind = typeof operand;
  switch (operator) {
    case 'gt':
      return (value) => typeof value === kind && (value as number | string) > operand;
    case 'gte':
      return (value) => typeof value === kind && (value as number | string) >= operand;
    case 'lt':
      return (value) => typeof value === kind && (value as number | string) < operand;
    case 'lte':
      return (value) => typeof value === kind && (value as number | string) <= operand;
  }
}

/**
 * A reader of a dotted path. A missing field reads as null, so `{ eq: null }` and
 * `{ exists: false }` agree; only own properties count, so `constructor` reads nothing. A path
 * under `previous` reads the version before when the caller supplies it.
 */
function reader(path: string): (record: unknown, previous: unknown) => unknown {
  const parts = path.split('.');
  if (parts[0] !== 'previous') return parts.length === 1 ? fieldReader(parts[0]!) : (record) => walkPath(record, parts, 0);
  return (record, previous) => (previous === OWN_PREVIOUS ? walkPath(record, parts, 0) : walkPrevious(previous, parts));
}

/** A reader of a top-level field, the usual case, without the walk: conditions run per version. */
function fieldReader(key: string): (record: unknown) => unknown {
  return (record) => {
    if (typeof record !== 'object' || record === null || !Object.prototype.hasOwnProperty.call(record, key)) return null;
    const value = (record as Record<string, unknown>)[key];
    return value === undefined ? null : value;
  };
}

function knownFields(options: unknown, issues: ValidationIssue[]): ReadonlySet<string> | undefined {
  if (typeof options !== 'object' || options === null) {
    issues.push(issue(['options'], 'must be an object'));
    return undefined;
  }
  // Each read guarded: an options object, or a list, that throws when read is bad input named
  // where it threw, returned by safeDefineCondition like any other.
  let list: unknown[];
  let reading: IssuePath = ['options'];
  try {
    // A revoked proxy throws at once, even when asked whether it is an array: the options.
    if (Array.isArray(options)) {
      issues.push(issue(['options'], 'must be an object'));
      return undefined;
    }
    reading = ['fields'];
    const fields = (options as { fields?: unknown }).fields;
    if (fields === undefined) return undefined;
    if (!Array.isArray(fields)) {
      issues.push(issue(['fields'], 'must be an array of field names'));
      return undefined;
    }
    // By index, up to a hole: a hole is a missing field name, named, not one to pass over.
    list = listEntries(fields as unknown[]);
  } catch (cause) {
    issues.push(unreadableIssue(reading, cause));
    return undefined;
  }
  const known = new Set<string>();
  list.forEach((field, index) => {
    if (typeof field !== 'string' || !PATH.test(field)) issues.push(issue(['fields', index], 'must be a field name or dotted path', field));
    else known.add(field);
  });
  return known;
}

function describeKnown(known: ReadonlySet<string>): string {
  const list = [...known].sort();
  return list.length <= 20 ? list.join(', ') : `${list.slice(0, 20).join(', ')}, … ${list.length - 20} more`;
}

