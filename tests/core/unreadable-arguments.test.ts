// Every function the package exports, given an argument that throws when it is merely read — a
// revoked proxy, which throws even when asked whether it is an array — answers, or throws the
// library's typed error: never a raw TypeError from deep inside.
import { describe, expect, it } from 'vitest';
import * as calendar from '../../src/calendar/index';
import * as root from '../../src/index';
import * as postgres from '../../src/postgres/index';
import * as sla from '../../src/sla/index';
import * as testing from '../../src/testing/index';

const entryPoints: Record<string, Record<string, unknown>> = { 'itsm-kit': root, 'itsm-kit/calendar': calendar, 'itsm-kit/sla': sla, 'itsm-kit/postgres': postgres, 'itsm-kit/testing': testing };

/** A proxy that has been revoked: every operation on it throws a TypeError. */
function revoked(): unknown {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

/** What a call let out that is not the library's error, or undefined; a promise is awaited. */
async function rawErrorOf(call: () => unknown): Promise<unknown> {
  try {
    await call();
    return undefined;
  } catch (error) {
    return root.isItsmError(error) ? undefined : error;
  }
}

describe('an argument that throws when read', () => {
  for (const [entry, exports] of Object.entries(entryPoints)) {
    // Functions only; classes (the error classes) are constructed, not called.
    const functions = Object.entries(exports).filter((found): found is [string, (...args: unknown[]) => unknown] => typeof found[1] === 'function' && !/^[A-Z]/.test(found[0]));

    it(`gets a typed error, not a raw one, from every function of ${entry}, at every argument`, async () => {
      expect(functions.length).toBeGreaterThan(0);
      const raw: string[] = [];
      for (const [name, run] of functions) {
        for (let position = 0; position < 3; position++) {
          const args: unknown[] = [{}, {}, {}];
          args[position] = revoked();
          const error = await rawErrorOf(() => run(...args));
          if (error !== undefined) raw.push(`${name}, argument ${position}: ${error instanceof Error ? `${error.constructor.name}: ${error.message}` : typeof error}`);
        }
      }
      expect(raw).toEqual([]);
    });
  }
});
