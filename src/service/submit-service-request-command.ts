import { parseWith } from '../core/from-zod';
import type { ItsmError } from '../core/itsm-error';
import { ActorRef, TenantId } from '../core/record-fields.schema';
import type { SafeResult } from '../core/safe-result';
import { issue, ValidationError } from '../core/validation-error';
import type { RequestNumberKind } from '../request/request-context';
import type { RequestItem } from '../request/request-item.schema';
import type { ServiceRequest } from '../request/service-request.schema';
import { safeSubmitServiceRequest } from '../request/submit-service-request';
import { SubmitServiceRequestInput } from '../request/submit-service-request.schema';
import type { StorableRecord } from '../store/record-repository';
import type { StoreTransaction } from '../store/store';
import { unwrap, type CommandSteps } from './command-runner';
import type { ResolvedItsmOptions } from './itsm-options';
import type { Practice } from './practice';
import { idempotent } from './record-commands';
import type { RequestPractices } from './request-practices';
import { checkArguments, OpenCommandOptions, optionsArgument, safely } from './service-arguments';

/** What submitting a service request stored: the request and its items, in the order requested. */
export interface SubmittedServiceRequest {
  readonly request: ServiceRequest;
  readonly items: readonly RequestItem[];
}

/** The submitting command of `itsm.requests`. */
export interface ServiceRequestSubmitting {
  /**
   * Submits a service request from the catalog in one transaction: the request and one item per
   * catalog item, each numbered from the store (`REQ…`, `RITM…`) and written with its audit
   * entry and events — or nothing. `authorize` is asked once, for `service_request.submit` on
   * the new request.
   *
   * @param tenantId - the tenant
   * @param actor - who submits
   * @param input - who it is for, and the catalog items with quantity and answers
   * @param options - an idempotency key
   * @returns the request and its items as stored
   * @throws `validation` (naming e.g. `items[0].variables.cost_center`), `forbidden`, or
   *   `conflict` when the idempotency key was used with other input
   *
   * @example
   * ```ts
   * const { request, items } = await itsm.requests.submit('acme', requester, { requestedFor: requester, items: [{ catalogItem: laptop, variables: { model: 'x1' } }] });
   * request.number; // => 'REQ0000001'
   * ```
   */
  submit(tenantId: string, actor: ActorRef, input: SubmitServiceRequestInput, options?: OpenCommandOptions): Promise<SubmittedServiceRequest>;
  safeSubmit(tenantId: unknown, actor: unknown, input: unknown, options?: unknown): Promise<SafeResult<SubmittedServiceRequest, ItsmError>>;
}

/**
 * Draws `count` numbers of a practice from the store's numbering before the pure domain
 * function runs, which asks for them one at a time and synchronously.
 */
async function drawNumbers(tx: StoreTransaction, steps: CommandSteps, practice: Practice<StorableRecord>, tenantId: string, count: number): Promise<string[]> {
  const numbers: string[] = [];
  for (let index = 0; index < count; index++) numbers.push(await steps.drawNumber(tx, practice, tenantId));
  return numbers;
}

/**
 * The submitting command over the store: one step of the shared runner that inserts several
 * records, each written with its own audit entry and events.
 * @internal
 */
export function serviceRequestSubmitting(practices: RequestPractices, options: ResolvedItsmOptions, steps: CommandSteps): ServiceRequestSubmitting {
  const { requests, items, lifecycles } = practices;

  async function submit(tenantId: string, actor: ActorRef, input: SubmitServiceRequestInput, options_?: OpenCommandOptions): Promise<SubmittedServiceRequest> {
    // Read once: what is checked is what the command uses.
    const given = optionsArgument(options_);
    checkArguments([
      ['tenantId', TenantId, tenantId],
      ['actor', ActorRef, actor],
      ['options', OpenCommandOptions.optional(), given],
    ]);
    const parsed = unwrap(parseWith(SubmitServiceRequestInput, input, 'service request'));
    return idempotent(options, { kind: requests.kind, tenantId, key: given?.idempotencyKey, parsed }, async (tx, now) => {
      const drawn: Record<RequestNumberKind, string[]> = {
        request: await drawNumbers(tx, steps, requests, tenantId, 1),
        requestItem: await drawNumbers(tx, steps, items, tenantId, parsed.items.length),
        task: [],
      };
      const nextNumber = (kind: RequestNumberKind): string => {
        const number = drawn[kind].shift();
        // The count drawn is the count the submission takes; asking for more is a bug, said plainly.
        if (number === undefined) throw new ValidationError([issue(['nextNumber'], `asked for more ${kind} numbers than were drawn`)], 'context');
        return number;
      };
      const result = safeSubmitServiceRequest(input, { now, actor, newId: steps.newId, tenantId, nextNumber, lifecycles });
      if (!result.success && result.error.code === 'validation') throw result.error;
      const submission = unwrap(result);
      const { request } = submission;
      const action = `${requests.kind}.submit`;
      await steps.authorize(actor, action, request.record, { tenantId, kind: requests.kind, next: request.record });
      await steps.write(tx, requests, tenantId, request, undefined, { actor, now, action: request.events[0]?.type ?? action });
      for (const item of submission.items) await steps.write(tx, items, tenantId, item, undefined, { actor, now, action: item.events[0]?.type ?? action });
      const stored: SubmittedServiceRequest = { request: request.record, items: submission.items.map((item) => item.record) };
      return { result: stored, recordId: request.record.id, number: request.record.number };
    });
  }

  return {
    submit,
    safeSubmit: (tenantId, actor, input, given) => safely(() => submit(tenantId as string, actor as ActorRef, input as SubmitServiceRequestInput, given as OpenCommandOptions)),
  };
}
