import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { HORIZON_END_MS, HORIZON_START_MS } from '../../src/calendar/horizon';
import { formatInstantText, parseInstantText } from '../../src/calendar/instant-text';
import { Instant } from '../../src/core/index';

// The SLA engine reads and writes instants with these instead of Date.parse and toISOString;
// what a caller sees must not change, so each is held to what it replaces.

const horizonMs = fc.integer({ min: HORIZON_START_MS, max: HORIZON_END_MS });
const anyYearMs = fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) });

/** An instant's text with one character replaced: most are no instant, some are another one. */
const nearInstant = fc
  .tuple(horizonMs, fc.nat(23), fc.constantFrom(...'0123456789-:.TZz+ 5'))
  .map(([ms, at, char]) => {
    const text = new Date(ms).toISOString();
    return text.slice(0, at) + char + text.slice(at + 1);
  });

/** Dates a day past the end of their month, leap days, and times past the end of the day. */
const edges = fc.constantFrom(
  '2026-02-29T00:00:00.000Z',
  '2024-02-29T12:00:00.000Z',
  '1900-02-29T00:00:00.000Z',
  '2000-02-29T00:00:00.000Z',
  '2100-02-29T00:00:00.000Z',
  '2026-02-30T00:00:00.000Z',
  '2026-04-31T00:00:00.000Z',
  '2026-12-31T23:59:59.999Z',
  '2026-01-01T24:00:00.000Z',
  '2026-01-01T23:60:00.000Z',
  '2026-01-01T23:59:60.000Z',
  '2026-00-10T00:00:00.000Z',
  '2026-13-10T00:00:00.000Z',
  '2026-01-00T00:00:00.000Z',
  '2026-01-01T00:00:00Z',
  '2026-01-01T00:00:00.000+00:00',
  '+002026-01-01T00:00:00.000Z',
  '2026-01-01t00:00:00.000z',
);

describe('instants as text', () => {
  test.prop([anyYearMs])('formatInstantText writes what Date.prototype.toISOString writes', (ms) => {
    expect(formatInstantText(ms)).toBe(new Date(ms).toISOString());
  });

  test.prop([horizonMs])('parseInstantText reads back every instant formatInstantText writes', (ms) => {
    expect(parseInstantText(formatInstantText(ms))).toBe(ms);
  });

  test.prop([fc.oneof(nearInstant, edges, fc.string({ maxLength: 30 }))], { numRuns: 2000 })(
    'parseInstantText accepts exactly the texts the Instant schema accepts, with the value Date.parse gives',
    (text) => {
      const accepted = Instant.safeParse(text).success;
      const ms = parseInstantText(text);
      expect(Number.isNaN(ms)).toBe(!accepted);
      if (accepted) expect(ms).toBe(Date.parse(text));
    },
  );

  it('refuses a day past the end of its month, which Date.parse rolls into the next', () => {
    expect(Date.parse('2026-02-30T00:00:00.000Z')).not.toBeNaN();
    expect(parseInstantText('2026-02-30T00:00:00.000Z')).toBeNaN();
    expect(parseInstantText('2024-02-29T00:00:00.000Z')).toBe(Date.UTC(2024, 1, 29));
  });
});
