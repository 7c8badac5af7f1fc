import { describe, expect, it } from 'vitest';
import { safeApplyFulfilmentTaskEvent, safeApplyRequestItemEvent, safeApplyServiceRequestEvent } from '../../src/request/index';
import { after, agent, idSource, openTask, submittedItem, submittedRequest } from './support';

// A part of a request context that throws when read (a getter, a revoked proxy, a throwing
// entry) is named where the caller gave it, not as the context as a whole.

const revoked = (): unknown[] => {
  const { proxy, revoke } = Proxy.revocable<unknown[]>([], {});
  revoke();
  return proxy;
};
const throwingEntry = (): unknown[] =>
  new Proxy<unknown[]>([undefined], {
    get: (target, key, receiver) => {
      if (key === '0') throw new Error('no entry');
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
const throwingField = (name: string): object =>
  Object.defineProperty({}, name, {
    enumerable: true,
    get: () => {
      throw new Error('no field');
    },
  });

const base = { now: after(submittedItem.updatedAt, 1), actor: agent, newId: idSource('j') };
const pathsOf = (result: unknown): unknown => {
  const { success, error } = result as { success: boolean; error?: { issues?: { path: unknown }[] } };
  return success ? 'accepted' : error?.issues?.map((found) => found.path);
};

describe('request contexts that cannot be read', () => {
  it.each<[string, () => unknown]>([
    ['a revoked list', revoked],
    ['a list whose entry throws', throwingEntry],
  ])('name tasks, items and actorGroups given as %s', (_name, make) => {
    expect(pathsOf(safeApplyFulfilmentTaskEvent(openTask, { type: 'start' }, { ...base, tasks: make() as never }))).toEqual([['tasks']]);
    expect(pathsOf(safeApplyRequestItemEvent(submittedItem, { type: 'approve_without_approval' }, { ...base, items: make() as never }))).toEqual([['items']]);
    expect(pathsOf(safeApplyServiceRequestEvent(submittedRequest, { type: 'comment', visibility: 'work_note', body: 'x' }, { ...base, actorGroups: make() as never }))).toEqual([['actorGroups']]);
  });

  it('names a field of the context whose getter throws', () => {
    for (const name of ['tasks', 'items', 'request', 'lifecycles', 'actorGroups']) {
      const context = Object.assign(throwingField(name), base);
      expect(pathsOf(safeApplyRequestItemEvent(submittedItem, { type: 'approve_without_approval' }, context as never))).toEqual([[name]]);
    }
  });
});
