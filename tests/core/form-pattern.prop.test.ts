import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { formPatternProblem, matchesFormPattern } from '../../src/core/form-pattern';

// A form pattern is run without backtracking, one code point at a time. Its answer must be the
// engine's for every pattern it accepts: the grammar below writes patterns of everything the
// check supports (classes, escapes, `.`, anchors, word boundaries, groups of each kind,
// alternation, every quantifier, greedy and lazy) over a small alphabet, so that random values
// over the same alphabet hit them often.

const ALPHABET = ['a', 'b', '-', ' ', '1', '\n', '😀', 'é', '\uD800'];

const character = fc.constantFrom(
  'a',
  'b',
  '-',
  '😀',
  '.',
  '[ab]',
  '[^a]',
  '[a-c1]',
  '[]',
  '[^]',
  '\\d',
  '\\D',
  '\\w',
  '\\W',
  '\\s',
  '\\S',
  '\\n',
  '\\x61',
  '\\u0062',
  '\\u{1F600}',
  '\\uD83D\\uDE00',
  '\\uD800',
  '\\p{L}',
  '\\P{Lu}',
  '[\\p{N}-]',
  '\\.',
);
const assertion = fc.constantFrom('^', '$', '\\b', '\\B');
const quantifier = fc.constantFrom('', '', '*', '+', '?', '*?', '+?', '??', '{2}', '{0,2}', '{1,}', '{2,3}?', '{0}');
const groupOpen = fc.constantFrom('(', '(?:', '(?<name>');

const pattern = fc.letrec<{ choice: string; sequence: string; term: string }>((tie) => ({
  choice: fc.array(tie('sequence'), { minLength: 1, maxLength: 2 }).map((options) => options.join('|')),
  sequence: fc.array(tie('term'), { maxLength: 3 }).map((terms) => terms.join('')),
  term: fc.oneof(
    { maxDepth: 3, depthSize: 'small', withCrossShrink: true },
    fc.tuple(character, quantifier).map(([atom, times]) => atom + times),
    assertion,
    fc.tuple(groupOpen, tie('choice'), quantifier).map(([open, inner, times]) => `${open}${inner})${times}`),
  ),
}));

const value = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 8 }).map((parts) => parts.join(''));

/** Named groups may appear once each: the engine refuses a name used twice in one pattern. */
function namedOnce(source: string): string {
  let seen = 0;
  return source.replace(/\(\?<name>/g, () => (seen++ === 0 ? '(?<name>' : '(?:'));
}

describe('form patterns', () => {
  test.prop([pattern.choice.map(namedOnce), fc.array(value, { minLength: 1, maxLength: 6 })], { numRuns: 400 })(
    'a form pattern accepts exactly the values the engine’s whole-value match accepts',
    (source, values) => {
      // Nested counted repeats can write out past the program limit; nothing else is refused.
      const problem = formPatternProblem(source);
      if (problem !== undefined) {
        expect(problem).toMatch(/^is too large to check/);
        return;
      }
      const engine = new RegExp(`^(?:${source})$`, 'u');
      for (const candidate of values) expect([candidate, matchesFormPattern(source, candidate)]).toEqual([candidate, engine.test(candidate)]);
    },
  );
});

describe('form patterns and the caller’s stack', () => {
  it('a pattern refused for the caller’s stack alone is not refused again from a shallower one', () => {
    const nested = `${'('.repeat(150)}a${')'.repeat(150)}`;
    // Asked with next to no stack left: the first frame able to answer at all answers.
    let nearTheEnd: string | undefined | null = null;
    const down = (): void => {
      try {
        down();
      } catch {
        // Without even room to answer this throws again, and the frame above asks.
        if (nearTheEnd === null) nearTheEnd = formPatternProblem(nested);
      }
    };
    down();
    expect([undefined, 'is nested too deeply to check']).toContain(nearTheEnd);
    expect(formPatternProblem(nested)).toBeUndefined();
    expect(matchesFormPattern(nested, 'a')).toBe(true);
  });
});
