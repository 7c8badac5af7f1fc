// A guard that throws one of the library's errors must surface as that error, typed, from the
// safe functions: XState rethrows a guard's error as a plain Error with only its message.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runLifecycleEvent } from '../../src/core/apply-lifecycle-event';
import { buildLifecycle, type LifecycleSpec } from '../../src/core/lifecycle';
import { ValidationError } from '../../src/index';

interface Light {
  id: string;
  tenantId: string;
  number: string;
  version: number;
  updatedAt: string;
  state: string;
}

const Light = z.strictObject({ id: z.string(), tenantId: z.string(), number: z.string(), version: z.int(), updatedAt: z.string(), state: z.enum(['off', 'on']) });

function lifecycleWhoseGuardThrows(error: unknown) {
  const spec: LifecycleSpec<Light, { type: string }, object, undefined> = {
    kind: 'light',
    regions: [{ field: 'state', initial: 'off', states: { off: { description: 'dark', on: { toggle: { target: 'on', guard: 'throws' } } }, on: { description: 'lit', on: {} } } }],
    extensibleStates: [],
    guards: {
      throws: () => {
        throw error;
      },
    },
    effects: {},
    eventNames: {},
    recordSchema: () => Light,
    eventSchemas: { toggle: z.strictObject({ type: z.literal('toggle') }) },
  };
  const built = buildLifecycle(spec, {}, undefined, undefined);
  if ('issues' in built) throw new Error('spec refused');
  return built.lifecycle;
}

const light: Light = { id: 'l-1', tenantId: 't', number: 'L1', version: 1, updatedAt: '2026-11-23T08:00:00.000Z', state: 'off' };
const context = { now: '2026-11-23T09:00:00.000Z', actor: { kind: 'system', id: 'timer' }, newId: () => 'x' };

describe('a guard that throws', () => {
  it("returns the library's own error, typed, from a safe function", () => {
    const thrown = new ValidationError([{ path: ['calendars', 'desk'], message: 'must be a calendar' }], 'context');
    const result = runLifecycleEvent(lifecycleWhoseGuardThrows(thrown), 'light', light, { type: 'toggle' }, context, undefined);
    expect(result.success).toBe(false);
    expect(!result.success && result.error).toBe(thrown);
  });

  it('lets any other error through as it is: a bug is not bad input', () => {
    const bug = new RangeError('a bug');
    expect(() => runLifecycleEvent(lifecycleWhoseGuardThrows(bug), 'light', light, { type: 'toggle' }, context, undefined)).toThrow(bug);
  });
});
