import { z } from 'zod';

const Bound = z.string().regex(/^\d{1,18}(\.\d{1,18}){0,9}$/, { error: 'must be a version of dotted numbers, such as 16 or 16.0.1' });

/** The segments of a version's leading dotted numbers: `16.0.1-beta` → `['16', '0', '1']`. */
function segmentsOf(version: string): string[] | undefined {
  const leading = /^\d+(\.\d+)*/.exec(version.trim());
  return leading?.[0].split('.').map((segment) => segment.replace(/^0+(?=\d)/, ''));
}

/** Compares two segments as whole numbers of any length, without parsing them. */
function compareSegment(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Compares a version with a bound on the bound's segments only, so a bound `16` stands for every
 * `16.x`: `compareToBound('16.4', '16')` is 0. Missing segments of the version count as 0.
 */
function compareToBound(version: readonly string[], bound: readonly string[]): number {
  for (const [index, segment] of bound.entries()) {
    const order = compareSegment(version[index] ?? '0', segment);
    if (order !== 0) return order;
  }
  return 0;
}

/**
 * The versions a licence covers, both bounds included and each optional. A bound covers every
 * version that starts with it: `{ from: '2019', to: '2021' }` covers 2019.0 to 2021.99.
 */
export const VersionRange = z
  .strictObject({ from: Bound.optional(), to: Bound.optional() })
  .refine(
    ({ from, to }) => {
      if (from === undefined || to === undefined) return true;
      const [low, high] = [segmentsOf(from) ?? [], segmentsOf(to) ?? []];
      const common = Math.min(low.length, high.length);
      return compareToBound(low.slice(0, common), high.slice(0, common)) <= 0;
    },
    { error: 'must not be below from', path: ['to'] },
  );
/** The versions a licence covers. */
export type VersionRange = z.infer<typeof VersionRange>;

/**
 * Whether a version is in a range. Only the version's leading dotted numbers are read
 * (`16.0.1 SP2` is 16.0.1); a version without them, or no version at all, is in no bounded range.
 * No range covers every version.
 * @internal
 */
export function versionInRange(version: string | undefined, range: VersionRange | undefined): boolean {
  if (range === undefined || (range.from === undefined && range.to === undefined)) return true;
  const segments = version === undefined ? undefined : segmentsOf(version);
  if (segments === undefined) return false;
  if (range.from !== undefined && compareToBound(segments, segmentsOf(range.from) ?? []) < 0) return false;
  if (range.to !== undefined && compareToBound(segments, segmentsOf(range.to) ?? []) > 0) return false;
  return true;
}
