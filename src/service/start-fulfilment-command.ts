import type { ItsmError } from '../core/itsm-error';
import { ActorRef, RecordId, TenantId } from '../core/record-fields.schema';
import type { SafeResult } from '../core/safe-result';
import { issue, ValidationError } from '../core/validation-error';
import { CatalogItem } from '../request/catalog-item.schema';
import type { FulfilmentTask } from '../request/fulfilment-task.schema';
import type { RequestNumberKind } from '../request/request-context';
import type { RequestItem } from '../request/request-item.schema';
import type { ServiceRequest } from '../request/service-request.schema';
import { safeStartFulfilment } from '../request/start-fulfilment';
import { unwrap, type CommandSteps } from './command-runner';
import type { ResolvedItsmOptions } from './itsm-options';
import type { RequestPractices } from './request-practices';
import { idempotencyFingerprint, keyedTransaction, type IdempotencyScope } from './record-commands';
import { ApplyCommandOptions, checkArguments, optionsArgument, readClock, safely } from './service-arguments';

/** What starting fulfilment stored: the item, its request (moved on with its first item) and the new tasks. */
export interface StartedFulfilment {
  readonly item: RequestItem;
  readonly request: ServiceRequest;
  readonly tasks: readonly FulfilmentTask[];
}

/** The fulfilment command of `itsm.requestItems`. */
export interface FulfilmentStarting {
  /**
   * Starts the fulfilment of an approved item in one transaction: the item moves to
   * `in_fulfilment`, its request with it when it is the first, and a task (`TASK…`, numbered
   * from the store) is created for each of the catalog item's task templates; each record is
   * written with its audit entry and events — or nothing. `authorize` is asked once, for
   * `request_item.start_fulfilment` on the item.
   *
   * @param tenantId - the tenant
   * @param actor - who starts it
   * @param itemId - the item's id
   * @param catalogItem - the item's catalog item, with its task templates
   * @param options - the item's expected version, a reason, an idempotency key (a retry with it gets the first result)
   * @returns the item, its request and the new tasks as stored
   * @throws `validation`, `not_found`, `forbidden`, `invalid_transition` (the item or its
   *   request is not approved), or `conflict`
   *
   * @example
   * ```ts
   * const { tasks } = await itsm.requestItems.startFulfilment('acme', agent, item.id, laptop);
   * tasks.map((task) => task.number); // => ['TASK0000001', 'TASK0000002']
   * ```
   */
  startFulfilment(tenantId: string, actor: ActorRef, itemId: string, catalogItem: CatalogItem, options?: ApplyCommandOptions): Promise<StartedFulfilment>;
  safeStartFulfilment(tenantId: unknown, actor: unknown, itemId: unknown, catalogItem: unknown, options?: unknown): Promise<SafeResult<StartedFulfilment, ItsmError>>;
}

/**
 * The fulfilment command over the store: one step of the shared runner that updates the item
 * and its request and inserts the tasks, the task numbers drawn first, one per template.
 * @internal
 */
export function fulfilmentStarting(practices: RequestPractices, options: ResolvedItsmOptions, steps: CommandSteps): FulfilmentStarting {
  const { requests, items, tasks, lifecycles } = practices;

  async function startFulfilment(tenantId: string, actor: ActorRef, itemId: string, catalogItem: CatalogItem, options_?: ApplyCommandOptions): Promise<StartedFulfilment> {
    // Read once: what is checked is what the command uses.
    const given = optionsArgument(options_);
    checkArguments([
      ['tenantId', TenantId, tenantId],
      ['actor', ActorRef, actor],
      ['itemId', RecordId, itemId],
      ['catalogItem', CatalogItem, catalogItem],
      ['options', ApplyCommandOptions.optional(), given],
    ]);
    const templates = catalogItem.fulfilmentTasks.length;
    const expectedVersion = given?.expectedVersion;
    const scope: IdempotencyScope = { kind: items.kind, tenantId, key: given?.idempotencyKey, parsed: { startFulfilment: itemId, catalogItem, reason: given?.reason, expectedVersion } };
    const fingerprint = idempotencyFingerprint(scope, ['catalogItem']);
    // With a key, a write that lost a race is retried, and the retry finds the winner's key.
    const outcome = await keyedTransaction(options, scope, fingerprint, expectedVersion === undefined || scope.key !== undefined, async (tx) => {
      const storedItem = await steps.load(tx, items, tenantId, itemId, expectedVersion);
      const storedRequest = await steps.load(tx, requests, tenantId, storedItem.record.request);
      const now = readClock(options.clock);
      const drawn: string[] = [];
      for (let index = 0; index < templates; index++) drawn.push(await steps.drawNumber(tx, tasks, tenantId));
      const nextNumber = (kind: RequestNumberKind): string => {
        const number = kind === 'task' ? drawn.shift() : undefined;
        if (number === undefined) throw new ValidationError([issue(['nextNumber'], `asked for a ${kind} number that was not drawn`)], 'context');
        return number;
      };
      const result = safeStartFulfilment(storedItem.record, catalogItem, { now, actor, newId: steps.newId, nextNumber, lifecycles, request: storedRequest.record });
      if (!result.success && result.error.code === 'validation') throw result.error;
      const action = `${items.kind}.start_fulfilment`;
      await steps.authorize(actor, action, storedItem.record, { tenantId, kind: items.kind, ...(result.success ? { next: result.data.item.record } : {}) });
      const started = unwrap(result);
      const reason = given?.reason === undefined ? {} : { reason: given.reason };
      await steps.write(tx, items, tenantId, started.item, storedItem, { actor, now, action: started.item.events[0]?.type ?? action, ...reason });
      if (started.request !== undefined) await steps.write(tx, requests, tenantId, started.request, storedRequest, { actor, now, action: started.request.events[0]?.type ?? action, ...reason });
      for (const task of started.tasks) await steps.write(tx, tasks, tenantId, task, undefined, { actor, now, action: task.events[0]?.type ?? action, ...reason });
      const made: StartedFulfilment = { item: started.item.record, request: started.request?.record ?? storedRequest.record, tasks: started.tasks.map((task) => task.record) };
      return { result: made, recordId: storedItem.record.id, now };
    });
    return outcome.result;
  }

  return {
    startFulfilment,
    safeStartFulfilment: (tenantId, actor, itemId, catalogItem, given) =>
      safely(() => startFulfilment(tenantId as string, actor as ActorRef, itemId as string, catalogItem as CatalogItem, given as ApplyCommandOptions)),
  };
}
