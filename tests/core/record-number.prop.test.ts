import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { formatRecordNumber, parseRecordNumber, type RecordNumberFormat } from '../../src/core/index';

const format: fc.Arbitrary<RecordNumberFormat> = fc.record({
  prefix: fc.stringMatching(/^[A-Z][A-Z0-9]{0,7}$/),
  digits: fc.integer({ min: 3, max: 12 }),
});

describe('record numbers', () => {
  test.prop([format, fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER })])('parseRecordNumber inverts formatRecordNumber', (f, sequence) => {
    expect(parseRecordNumber(f, formatRecordNumber(f, sequence))).toBe(sequence);
  });

  test.prop([format, fc.integer({ min: 1, max: 999_999_999_999 }), fc.integer({ min: 1, max: 999_999_999_999 })])(
    'numbers that fit the padding sort as strings in sequence order',
    (f, a, b) => {
      const fits = 10 ** f.digits;
      const [x, y] = [(a % (fits - 1)) + 1, (b % (fits - 1)) + 1];
      expect(formatRecordNumber(f, x) < formatRecordNumber(f, y)).toBe(x < y);
    },
  );

  test.prop([format, format, fc.integer({ min: 1, max: 10_000_000 })])(
    'a number parses only in the format that made it, unless the formats spell it the same',
    (f, g, sequence) => {
      const text = formatRecordNumber(f, sequence);
      const parsed = parseRecordNumber(g, text);
      if (parsed !== undefined) expect(formatRecordNumber(g, parsed)).toBe(text);
    },
  );
});
