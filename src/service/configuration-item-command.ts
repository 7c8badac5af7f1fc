import type { ConfigurationItemEvent, RegisterConfigurationItemInput } from '../cmdb/configuration-item-event.schema';
import type { ConfigurationItem } from '../cmdb/configuration-item.schema';
import type { ItsmError } from '../core/itsm-error';
import type { ActorRef } from '../core/record-fields.schema';
import type { SafeResult } from '../core/safe-result';
import type { CommandSteps } from './command-runner';
import { cmdbImpactAnalysing, type CmdbImpactAnalysing } from './cmdb-impact-command';
import type { ResolvedItsmOptions } from './itsm-options';
import type { OpeningPractice } from './practice';
import type { RecordApi } from './practice-api';
import { practiceApi } from './record-commands';
import type { OpenCommandOptions } from './service-arguments';
/**
 * The configuration item commands and queries of {@link Itsm}: `register` (the `open` of the
 * other practices: `authorize` is asked for `configuration_item.open`), `apply` (`update`,
 * `set_status`, `retire`; asked as `configuration_item.<event>`), `get`, `list`, `history`, and
 * the impact analysis over the stored CMDB. `list` takes the store's query; of its filters only
 * `updatedSince`, `orderBy: 'updatedAt'`, `limit` and `after` apply to configuration items.
 */
export interface ConfigurationItemApi extends Omit<RecordApi<ConfigurationItem, ConfigurationItemEvent>, 'sla' | 'safeSla'>, CmdbImpactAnalysing {
  /**
   * Registers a configuration item at version 1, numbered from the store (`CI0000001`) and
   * checked against the service's catalogue (`ciClasses`).
   * @throws `validation` for bad input or attributes its class refuses; `forbidden`; `conflict`
   *   when the idempotency key was used with other input
   */
  register(tenantId: string, actor: ActorRef, input: RegisterConfigurationItemInput, options?: OpenCommandOptions): Promise<ConfigurationItem>;
  safeRegister(tenantId: unknown, actor: unknown, input: unknown, options?: unknown): Promise<SafeResult<ConfigurationItem, ItsmError>>;
}

/**
 * The configuration item commands: the runner's practice commands, `open` named `register` and
 * without the SLA queries (items have no clocks), and the impact analysis.
 * @internal
 */
export function configurationItemApi(practice: OpeningPractice<ConfigurationItem>, options: ResolvedItsmOptions, steps: CommandSteps): ConfigurationItemApi {
  const api = practiceApi<ConfigurationItem, RegisterConfigurationItemInput, ConfigurationItemEvent>(practice, options, steps);
  const impact = cmdbImpactAnalysing(practice, options);
  return {
    register: (tenantId, actor, input, given) => api.open(tenantId, actor, input, given),
    safeRegister: (tenantId, actor, input, given) => api.safeOpen(tenantId, actor, input, given),
    apply: (tenantId, actor, id, event, given) => api.apply(tenantId, actor, id, event, given),
    safeApply: (tenantId, actor, id, event, given) => api.safeApply(tenantId, actor, id, event, given),
    get: (tenantId, id) => api.get(tenantId, id),
    safeGet: (tenantId, id) => api.safeGet(tenantId, id),
    list: (tenantId, query) => api.list(tenantId, query),
    safeList: (tenantId, query) => api.safeList(tenantId, query),
    history: (tenantId, id) => api.history(tenantId, id),
    safeHistory: (tenantId, id) => api.safeHistory(tenantId, id),
    impact: (tenantId, ciIds, given) => impact.impact(tenantId, ciIds, given),
    safeImpact: (tenantId, ciIds, given) => impact.safeImpact(tenantId, ciIds, given),
  };
}
