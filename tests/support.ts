// Small helpers shared by the example tests.

/** What `run` throws; fails the test when it does not throw. */
export function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}
