// Small helpers shared by the tests.
import { fc } from '@fast-check/vitest';

/** What `run` throws; fails the test when it does not throw. */
export function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

/** Any JavaScript value fast-check can make, exotic ones included: what "bad input of any kind" means. */
export const anyValue = fc.anything({
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withBigInt: true,
  withDate: true,
  withTypedArray: true,
  withSparseArray: true,
  withObjectString: true,
});
