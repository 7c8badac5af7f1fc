/**
 * The patterns a vendor puts on a text field (a catalog variable's `pattern`, a configuration item
 * attribute's `pattern`), checked in time proportional to the answer's length.
 *
 * A pattern is data someone edits in a UI, and the answer it checks comes from whoever fills the
 * form. JavaScript's own engine backtracks: `(a+)+$` against thirty `a`s and a `!` takes it
 * minutes, and the host's event loop with it. So a pattern is read here into a program of its own
 * and run by keeping the set of places it could be at (Thompson's construction, simulated without
 * backtracking): each character of the answer moves every place once, so a check costs at most the
 * answer's length times the program's size. What no such program can do — backreferences,
 * lookahead and lookbehind — is refused when the pattern is defined, as is a program too large
 * once its counted repeats (`{n,m}`) are written out.
 *
 * The syntax is JavaScript's with the `u` flag, and the answer is the same as
 * `new RegExp(`^(?:${pattern})$`, 'u').test(value)` gives: a single character (a literal, a
 * class, `.`, an escape such as `\d` or `\p{L}`) is still tested by the engine itself, one code
 * point at a time, where backtracking cannot arise.
 * @internal
 */

/** At most this many instructions in a pattern's program; past it the pattern is refused. */
export const FORM_PATTERN_MAX_PROGRAM = 2_000;
/** The longest pattern read; the schemas allow 500 characters. */
const MAX_SOURCE = 1_000;

/** A compiled pattern: whether a whole value matches. */
export interface FormPattern {
  readonly matches: (value: string) => boolean;
}

/**
 * Why a pattern cannot be used as a form pattern, or undefined when it can: the message of a
 * validation issue on the pattern's field.
 */
export function formPatternProblem(source: string): string | undefined {
  const compiled = compiledFormPattern(source);
  return typeof compiled === 'string' ? compiled : undefined;
}

/**
 * Whether the whole of `value` matches `source`, in time proportional to the value's length; or,
 * for a pattern {@link formPatternProblem} refuses (one from a catalogue of another copy of the
 * library, say), why it cannot be checked. Never throws.
 */
export function matchesFormPattern(source: string, value: string): boolean | string {
  const compiled = compiledFormPattern(source);
  return typeof compiled === 'string' ? compiled : compiled.matches(value);
}

// ---------------------------------------------------------------------------------------------
// Compiling, remembered per source: a definition is checked once and its answers many times.

const REMEMBERED = 500;
const remembered = new Map<string, FormPattern | string>();

function compiledFormPattern(source: string): FormPattern | string {
  const known = remembered.get(source);
  if (known !== undefined) return known;
  const compiled = compile(source);
  // An answer the caller's stack caused is not the pattern's: asked again, from a shallower
  // stack, it may compile.
  if (compiled === TOO_DEEP) return compiled;
  if (remembered.size >= REMEMBERED) remembered.clear();
  remembered.set(source, compiled);
  return compiled;
}

/** Thrown inside the reader only, to stop at the first thing it refuses; never leaves this module. */
class Refusal extends Error {}

/** What a stack overflow while reading a pattern answers; never remembered. */
const TOO_DEEP = 'is nested too deeply to check';

function compile(source: string): FormPattern | string {
  // The reader recurses per group: a bound on the length bounds its depth.
  if (source.length > MAX_SOURCE) return `is too long to check: more than ${MAX_SOURCE.toLocaleString('en')} characters`;
  // The engine decides what is valid syntax, alone and as the whole-value form it is used in;
  // past this the reader below may take the syntax as valid.
  try {
    new RegExp(source, 'u');
    new RegExp(`^(?:${source})$`, 'u');
  } catch (error) {
    return error instanceof RangeError ? TOO_DEEP : 'is not a valid regular expression';
  }
  try {
    const tree = new PatternReader(source).read();
    if (programSize(tree) > FORM_PATTERN_MAX_PROGRAM) {
      return `is too large to check: written out, its counted repeats come to more than ${FORM_PATTERN_MAX_PROGRAM.toLocaleString('en')} steps`;
    }
    return program(tree);
  } catch (error) {
    if (error instanceof Refusal) return error.message;
    // The reader and the writer recurse per group; a caller deep in its own stack can run out.
    if (error instanceof RangeError) return TOO_DEEP;
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading: the pattern as a tree.

type Assertion = 'start' | 'end' | 'word' | 'not-word';

type PatternNode =
  | { readonly kind: 'character'; readonly test: CharacterTest }
  | { readonly kind: 'assertion'; readonly which: Assertion }
  | { readonly kind: 'sequence'; readonly items: readonly PatternNode[] }
  | { readonly kind: 'choice'; readonly options: readonly PatternNode[] }
  | { readonly kind: 'repeat'; readonly item: PatternNode; readonly min: number; readonly max: number };

const NO_LOOKAROUND = 'must not use lookahead or lookbehind ((?=, (?!, (?<=, (?<!): they cannot be checked in time proportional to the answer';
const NO_BACKREFERENCE = 'must not use backreferences (\\1, \\k<name>): they cannot be checked in time proportional to the answer';

class PatternReader {
  private at = 0;

  constructor(private readonly source: string) {}

  read(): PatternNode {
    const tree = this.choice();
    // The engine accepted the pattern, so a stray `)` cannot be left here.
    return tree;
  }

  private choice(): PatternNode {
    const options = [this.sequence()];
    while (this.source[this.at] === '|') {
      this.at++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0]! : { kind: 'choice', options };
  }

  private sequence(): PatternNode {
    const items: PatternNode[] = [];
    while (this.at < this.source.length && this.source[this.at] !== '|' && this.source[this.at] !== ')') items.push(this.term());
    return items.length === 1 ? items[0]! : { kind: 'sequence', items };
  }

  private term(): PatternNode {
    const grouped = this.source[this.at] === '(';
    const atom = this.atom();
    // With the `u` flag an assertion takes no quantifier (the engine refused that already), but
    // a group holding only an assertion does.
    if (atom.kind === 'assertion' && !grouped) return atom;
    const quantifier = this.quantifier();
    if (quantifier === undefined) return atom;
    // A lazy quantifier (`*?`) matches the same whole values as a greedy one.
    if (this.source[this.at] === '?') this.at++;
    return { kind: 'repeat', item: atom, min: quantifier.min, max: quantifier.max };
  }

  private quantifier(): { min: number; max: number } | undefined {
    const next = this.source[this.at];
    if (next === '*' || next === '+' || next === '?') {
      this.at++;
      return { min: next === '+' ? 1 : 0, max: next === '?' ? 1 : Infinity };
    }
    if (next !== '{') return undefined;
    // With the `u` flag a `{` after an atom always opens a valid quantifier.
    const close = this.source.indexOf('}', this.at);
    const [low, high] = this.source.slice(this.at + 1, close).split(',');
    this.at = close + 1;
    const min = Number(low);
    return { min, max: high === undefined ? min : high === '' ? Infinity : Number(high) };
  }

  private atom(): PatternNode {
    const start = this.at;
    const next = this.source[this.at]!;
    switch (next) {
      case '(':
        return this.group();
      case '^':
        this.at++;
        return { kind: 'assertion', which: 'start' };
      case '$':
        this.at++;
        return { kind: 'assertion', which: 'end' };
      case '.':
        this.at++;
        return this.character(start);
      case '[':
        this.skipClass();
        return this.character(start);
      case '\\':
        return this.escape();
      default: {
        const point = this.source.codePointAt(this.at)!;
        this.at += point > 0xffff ? 2 : 1;
        return { kind: 'character', test: literal(point) };
      }
    }
  }

  private group(): PatternNode {
    this.at++;
    if (this.source[this.at] === '?') {
      const kind = this.source[this.at + 1];
      if (kind === ':') this.at += 2;
      else if (kind === '=' || kind === '!') throw new Refusal(NO_LOOKAROUND);
      else if (kind === '<' && (this.source[this.at + 2] === '=' || this.source[this.at + 2] === '!')) throw new Refusal(NO_LOOKAROUND);
      else if (kind === '<') this.at = this.source.indexOf('>', this.at) + 1;
      // Modifiers such as `(?i:…)`, which newer engines accept.
      else throw new Refusal('uses a kind of group this check does not support: only (…), (?:…) and (?<name>…) are');
    }
    const inner = this.choice();
    this.at++; // the `)`
    return inner;
  }

  /** Moves past a character class: with the `u` flag classes do not nest. */
  private skipClass(): void {
    this.at++;
    while (this.source[this.at] !== ']') this.at += this.source[this.at] === '\\' ? 2 : 1;
    this.at++;
  }

  private escape(): PatternNode {
    const start = this.at;
    const kind = this.source[this.at + 1]!;
    this.at += 2;
    if (kind === 'b' || kind === 'B') return { kind: 'assertion', which: kind === 'b' ? 'word' : 'not-word' };
    if ((kind >= '1' && kind <= '9') || kind === 'k') throw new Refusal(NO_BACKREFERENCE);
    if (kind === 'p' || kind === 'P' || (kind === 'u' && this.source[this.at] === '{')) {
      this.at = this.source.indexOf('}', this.at) + 1;
    } else if (kind === 'u') {
      this.at += 4;
      // A surrogate pair written as two escapes is one code point with the `u` flag.
      const unit = Number.parseInt(this.source.slice(this.at - 4, this.at), 16);
      if (unit >= 0xd800 && unit <= 0xdbff && /^\\u[dD][c-fC-F][0-9a-fA-F]{2}/.test(this.source.slice(this.at, this.at + 6))) this.at += 6;
    } else if (kind === 'x') {
      this.at += 2;
    } else if (kind === 'c') {
      this.at += 1;
    }
    return this.character(start);
  }

  /** A single character the engine tests: the source from `start` to here. */
  private character(start: number): PatternNode {
    return { kind: 'character', test: engineTest(this.source.slice(start, this.at)) };
  }
}

// ---------------------------------------------------------------------------------------------
// Single characters.

type CharacterTest = (point: number) => boolean;

function literal(point: number): CharacterTest {
  return (candidate) => candidate === point;
}

/** Answers remembered per test for code points above ASCII; past this many, asked again. */
const REMEMBERED_POINTS = 1_024;

/**
 * A test of one code point against a single-character pattern, by the engine (which cannot
 * backtrack over one character), with its answers remembered: a long answer repeats few
 * characters, and each may be tested at every place the pattern could be.
 */
function engineTest(atom: string): CharacterTest {
  const expression = new RegExp(`^(?:${atom})$`, 'u');
  // 0: not asked yet, 1: no, 2: yes.
  const ascii = new Uint8Array(128);
  const other = new Map<number, boolean>();
  return (point) => {
    if (point < 128) {
      const known = ascii[point]!;
      if (known !== 0) return known === 2;
      const answer = expression.test(String.fromCharCode(point));
      ascii[point] = answer ? 2 : 1;
      return answer;
    }
    const known = other.get(point);
    if (known !== undefined) return known;
    const answer = expression.test(String.fromCodePoint(point));
    if (other.size < REMEMBERED_POINTS) other.set(point, answer);
    return answer;
  };
}

/** `\w` with the `u` flag and without `i`: ASCII letters, digits and `_`. */
function isWordUnit(unit: number): boolean {
  return (unit >= 48 && unit <= 57) || (unit >= 65 && unit <= 90) || (unit >= 97 && unit <= 122) || unit === 95;
}

// ---------------------------------------------------------------------------------------------
// The program: instructions in parallel arrays.

const CHARACTER = 0;
const SPLIT = 1;
const JUMP = 2;
const ASSERT = 3;
const MATCH = 4;

/** How many instructions a node becomes, or more than the limit (without writing them). */
function programSize(node: PatternNode): number {
  switch (node.kind) {
    case 'character':
    case 'assertion':
      return 1;
    case 'sequence':
      return node.items.reduce((sum, item) => sum + programSize(item), 0);
    case 'choice':
      return node.options.reduce((sum, option) => sum + programSize(option), 0) + 2 * (node.options.length - 1);
    case 'repeat': {
      const item = programSize(node.item);
      // Nothing repeated is nothing, however often (see write).
      if (item === 0) return 0;
      // Past the limit the figures may be anything large; any of them refuses the pattern.
      if (node.min > FORM_PATTERN_MAX_PROGRAM || item > FORM_PATTERN_MAX_PROGRAM) return FORM_PATTERN_MAX_PROGRAM + 1;
      const optional = node.max === Infinity ? item + 2 : Math.min(node.max - node.min, FORM_PATTERN_MAX_PROGRAM + 1) * (item + 1);
      return node.min * item + optional;
    }
  }
}

interface Program {
  readonly op: number[];
  readonly first: number[];
  readonly second: number[];
  readonly tests: (CharacterTest | undefined)[];
  readonly assertions: (Assertion | undefined)[];
}

function emit(into: Program, op: number, first = 0, second = 0, test?: CharacterTest, assertion?: Assertion): number {
  into.op.push(op);
  into.first.push(first);
  into.second.push(second);
  into.tests.push(test);
  into.assertions.push(assertion);
  return into.op.length - 1;
}

function write(into: Program, node: PatternNode): void {
  switch (node.kind) {
    case 'character':
      emit(into, CHARACTER, 0, 0, node.test);
      return;
    case 'assertion':
      emit(into, ASSERT, 0, 0, undefined, node.which);
      return;
    case 'sequence':
      for (const item of node.items) write(into, item);
      return;
    case 'choice': {
      // split L1, next; L1: option; jump end; next: split L2, … ; last option; end:
      const jumps: number[] = [];
      node.options.forEach((option, index) => {
        if (index < node.options.length - 1) {
          const split = emit(into, SPLIT);
          into.first[split] = split + 1;
          write(into, option);
          jumps.push(emit(into, JUMP));
          into.second[split] = into.op.length;
        } else write(into, option);
      });
      for (const jump of jumps) into.first[jump] = into.op.length;
      return;
    }
    case 'repeat': {
      // Something that reads nothing and asserts nothing (`()`, `a{0}`) matches only the empty
      // string, however often: writing its copies would cost `min` calls for nothing.
      if (programSize(node.item) === 0) return;
      for (let count = 0; count < node.min; count++) write(into, node.item);
      if (node.max === Infinity) {
        // loop: split body, end; body; jump loop; end:
        const split = emit(into, SPLIT);
        into.first[split] = split + 1;
        write(into, node.item);
        emit(into, JUMP, split);
        into.second[split] = into.op.length;
        return;
      }
      // Each optional copy: split body, end; body. All of them skip to the same end.
      const splits: number[] = [];
      for (let count = node.min; count < node.max; count++) {
        const split = emit(into, SPLIT);
        into.first[split] = split + 1;
        splits.push(split);
        write(into, node.item);
      }
      for (const split of splits) into.second[split] = into.op.length;
      return;
    }
  }
}

function program(tree: PatternNode): FormPattern {
  const code: Program = { op: [], first: [], second: [], tests: [], assertions: [] };
  write(code, tree);
  emit(code, MATCH);
  const { op, first, second, tests, assertions } = code;
  const size = op.length;

  return {
    matches(value: string): boolean {
      let current = new Int32Array(size);
      let following = new Int32Array(size);
      // The generation a place was last added in, so each is added once per position.
      const added = new Int32Array(size).fill(-1);
      const pending = new Int32Array(size);
      let generation = 0;

      /** Adds a place and every place it reaches without reading a character, at `position`. */
      const add = (list: Int32Array, count: number, place: number, position: number): number => {
        let top = 0;
        pending[top++] = place;
        while (top > 0) {
          const at = pending[--top]!;
          if (added[at] === generation) continue;
          added[at] = generation;
          switch (op[at]) {
            case JUMP:
              pending[top++] = first[at]!;
              break;
            case SPLIT:
              // Second pushed first: the order does not change which places are reached.
              pending[top++] = second[at]!;
              pending[top++] = first[at]!;
              break;
            case ASSERT:
              if (holds(assertions[at]!, value, position)) pending[top++] = at + 1;
              break;
            default:
              list[count++] = at;
          }
        }
        return count;
      };

      let count = add(current, 0, 0, 0);
      let position = 0;
      while (position < value.length) {
        if (count === 0) return false;
        const point = value.codePointAt(position)!;
        const next = position + (point > 0xffff ? 2 : 1);
        generation++;
        let nextCount = 0;
        for (let index = 0; index < count; index++) {
          const at = current[index]!;
          if (op[at] !== CHARACTER || !tests[at]!(point)) continue;
          const to = at + 1;
          // The common case, a character after a character, without the stack.
          if (op[to] === CHARACTER || op[to] === MATCH) {
            if (added[to] !== generation) {
              added[to] = generation;
              following[nextCount++] = to;
            }
          } else nextCount = add(following, nextCount, to, next);
        }
        [current, following] = [following, current];
        count = nextCount;
        position = next;
      }
      for (let index = 0; index < count; index++) if (op[current[index]!] === MATCH) return true;
      return false;
    },
  };
}

function holds(assertion: Assertion, value: string, position: number): boolean {
  switch (assertion) {
    case 'start':
      return position === 0;
    case 'end':
      return position === value.length;
    case 'word':
    case 'not-word': {
      const before = position > 0 && isWordUnit(value.charCodeAt(position - 1));
      const after = position < value.length && isWordUnit(value.charCodeAt(position));
      return (before !== after) === (assertion === 'word');
    }
  }
}
