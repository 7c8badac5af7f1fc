import type { Condition, ConditionValue } from './condition.schema';
import type { DeepReadonly } from './deep-readonly';

// Conditions compiled to JavaScript. A tree of closures costs a call per node, and every node
// of one kind shares one closure body, so V8 sees each call site calling many functions and
// inlines none of them: the SLA engine spent about a third of a replay there. A condition written out
// as one expression is a single function V8 optimises whole. Where the host forbids building
// functions from text (a Content Security Policy without 'unsafe-eval', some edge runtimes),
// the closures of condition.ts serve instead; both are held to the same semantics by a
// property test.
//
// Nothing of the input reaches the source as code: field names are identifiers checked when
// the condition was defined and are written as JSON string literals, and operands are written
// as JSON literals (strings, finite numbers, booleans, null) or passed in as constants.

/** A compiled condition: `previous` is the version before, or {@link OWN_PREVIOUS}. @internal */
export type Predicate = (record: unknown, previous: unknown) => boolean;

/** Several conditions evaluated at once: bit `i` is set when condition `i` holds. @internal */
export type ConditionSetPredicate = (record: unknown, previous: unknown) => number;

/** Passed as `previous` when the record's own `previous` field is meant. @internal */
export const OWN_PREVIOUS: unique symbol = Symbol('own previous');

const hasOwn = (value: object, key: string): boolean => Object.prototype.hasOwnProperty.call(value, key);

/**
 * The value at `parts[first…]` under `from`: null when a step is no object, is not an own
 * property, or holds undefined. So `{ eq: null }` and `{ exists: false }` agree, and
 * `constructor` reads nothing. @internal
 */
export function walkPath(from: unknown, parts: readonly string[], first: number): unknown {
  let current = from;
  for (let index = first; index < parts.length; index++) {
    const part = parts[index]!;
    if (typeof current !== 'object' || current === null || !hasOwn(current, part)) return null;
    current = (current as Record<string, unknown>)[part];
  }
  return current === undefined ? null : current;
}

/**
 * What reading the version before threw, told apart from what reading the record threw, so
 * that the caller can name the version that could not be read. @internal
 */
export class PreviousUnreadable extends Error {
  constructor(readonly reason: unknown) {
    super('the version before could not be read');
    this.name = 'PreviousUnreadable';
  }
}

/** {@link walkPath} under `previous` given apart: what reading it throws is {@link PreviousUnreadable}. @internal */
export function walkPrevious(previous: unknown, parts: readonly string[]): unknown {
  try {
    return walkPath(previous, parts, 1);
  } catch (cause) {
    throw new PreviousUnreadable(cause);
  }
}

/** Lists longer than this become a `Set` lookup instead of a chain of comparisons. */
const CHAIN_LIMIT = 8;

/** The source being written: constants handed to the function, and temporaries it declares. */
interface Source {
  readonly constants: unknown[];
  temps: number;
  /** The variable each top-level field is read into, by name: read once per call, when first needed. */
  readonly fields: Map<string, string>;
}

const literal = (value: ConditionValue): string => JSON.stringify(value);

function constant(source: Source, value: unknown): string {
  source.constants.push(value);
  return `k[${source.constants.length - 1}]`;
}

/** An expression reading the field at `path`, normalised as {@link walkPath} does. */
function read(path: string, source: Source): string {
  const parts = path.split('.');
  if (parts[0] === 'previous') {
    const all = constant(source, Object.freeze(parts));
    return `(p === O ? w(r, ${all}, 0) : v(p, ${all}))`;
  }
  if (parts.length > 1) return `w(r, ${constant(source, Object.freeze(parts))}, 0)`;
  // A read gives null, never undefined, so undefined marks a field not read yet in this call.
  let field = source.fields.get(parts[0]!);
  if (field === undefined) {
    field = `f${source.fields.size}`;
    source.fields.set(parts[0]!, field);
  }
  const key = literal(parts[0]!);
  const temp = `t${source.temps++}`;
  return `(${field} !== undefined ? ${field} : (${field} = o && h(r, ${key}) && (${temp} = r[${key}]) !== undefined ? ${temp} : null))`;
}

function expression(node: DeepReadonly<Condition>, source: Source): string {
  if ('all' in node) return node.all.length === 0 ? 'true' : `(${node.all.map((part) => expression(part, source)).join(' && ')})`;
  if ('any' in node) return node.any.length === 0 ? 'false' : `(${node.any.map((part) => expression(part, source)).join(' || ')})`;
  if ('not' in node) return `!${expression(node.not, source)}`;
  const value = read(node.field, source);
  if ('eq' in node) return `(${value} === ${literal(node.eq)})`;
  if ('ne' in node) return `(${value} !== ${literal(node.ne)})`;
  if ('in' in node) return member(value, node.in, source);
  if ('notIn' in node) return `!${member(value, node.notIn, source)}`;
  if ('exists' in node) return `(${value} ${node.exists ? '!==' : '==='} null)`;
  const [operator, operand] = 'gt' in node ? ['>', node.gt] : 'gte' in node ? ['>=', node.gte] : 'lt' in node ? ['<', node.lt] : ['<=', node.lte];
  const temp = `t${source.temps++}`;
  return `(typeof (${temp} = ${value}) === ${literal(typeof operand)} && ${temp} ${operator} ${literal(operand)})`;
}

function member(value: string, list: readonly ConditionValue[], source: Source): string {
  // The field is read even for an empty list, as the closures read it.
  if (list.length === 0) return `(${value}, false)`;
  if (list.length > CHAIN_LIMIT) return `${constant(source, new Set(list))}.has(${value})`;
  const temp = `t${source.temps++}`;
  return `((${temp} = ${value}) === ${list.map(literal).join(` || ${temp} === `)})`;
}

/** Whether this host lets a library build a function from text; asked once. */
let generationAllowed: boolean | undefined;

function generationIsAllowed(): boolean {
  if (generationAllowed === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the probe of whether the host allows it
      generationAllowed = (new Function('return 1') as () => unknown)() === 1;
    } catch {
      // Refused by the host (an EvalError under a Content Security Policy): use the closures.
      generationAllowed = false;
    }
  }
  return generationAllowed;
}

function build<T>(body: (source: Source) => string, unreadable?: (cause: unknown) => never): T | undefined {
  if (!generationIsAllowed()) return undefined;
  const source: Source = { constants: [], temps: 0, fields: new Map() };
  const text = body(source);
  const temps = [...Array.from({ length: source.temps }, (_, index) => `t${index}`), ...source.fields.values()];
  // `o`: whether the record is an object at all; a field of anything else reads as null.
  const declare = `var o = typeof r === 'object' && r !== null${temps.length === 0 ? '' : `, ${temps.join(', ')}`};`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the point of this module; see the note at the top
  const make = new Function('h', 'w', 'v', 'O', 'k', 'x', `'use strict'; return function condition(r, p) { ${declare} ${text} };`) as (...args: unknown[]) => T;
  return make(hasOwn, walkPath, walkPrevious, OWN_PREVIOUS, Object.freeze(source.constants), unreadable);
}

/**
 * The condition as one generated function, or undefined where the host forbids generating
 * code. `condition` must be valid (from `defineCondition`). @internal
 */
export function generatedPredicate(condition: DeepReadonly<Condition>): Predicate | undefined {
  return build<Predicate>((source) => `return ${expression(condition, source)};`);
}

/**
 * Conditions evaluated together by one generated function, bit `i` for `conditions[i]` (at
 * most 31; an undefined entry never holds), or undefined where the host forbids generating
 * code. Every condition is evaluated: one call instead of one per condition. Whatever reading
 * the record throws goes to `unreadable`, inside the function, so the caller needs no wrapper
 * of its own around each call. @internal
 */
export function generatedConditionSet(conditions: readonly (DeepReadonly<Condition> | undefined)[], unreadable: (cause: unknown) => never): ConditionSetPredicate | undefined {
  if (conditions.length > 31) throw new RangeError('at most 31 conditions in a set');
  return build<ConditionSetPredicate>((source) => {
    const tests = conditions.map((condition, index) => (condition === undefined ? '' : `if (${expression(condition, source)}) m |= ${2 ** index};`));
    return `try { var m = 0; ${tests.join(' ')} return m; } catch (e) { return x(e); }`;
  }, unreadable);
}

/** For tests: behave as a host that forbids generating code (`false`), or ask again (`undefined`). @internal */
export function setCodeGeneration(allowed: false | undefined): void {
  generationAllowed = allowed;
}
