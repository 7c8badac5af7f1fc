import { describe, expect, it } from 'vitest';
import { guardRefusal, OtherTransition } from '../../src/core/lifecycle';

describe('a guard’s refusal', () => {
  it('that only says the payload chose another transition is known by its brand, also when another copy of the library made it', () => {
    expect(guardRefusal(new OtherTransition('the outcome is complete'))).toEqual({ reason: 'the outcome is complete', otherTransition: true });
    const fromAnotherCopy = { reason: 'the outcome is complete', [Symbol.for('itsm-kit.lifecycle.other-transition')]: true };
    expect(guardRefusal(fromAnotherCopy as unknown as OtherTransition)).toEqual({ reason: 'the outcome is complete', otherTransition: true });
    expect(guardRefusal('a task comes before it')).toEqual({ reason: 'a task comes before it', otherTransition: false });
  });
});
