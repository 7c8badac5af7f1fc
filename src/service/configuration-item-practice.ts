import { safeApplyConfigurationItemEvent } from '../cmdb/apply-configuration-item-event';
import { RegisterConfigurationItemInput } from '../cmdb/configuration-item-event.schema';
import type { ConfigurationItem } from '../cmdb/configuration-item.schema';
import { CONFIGURATION_ITEM_KIND, safeRegisterConfigurationItem } from '../cmdb/register-configuration-item';
import { parseWith } from '../core/from-zod';
import type { ResolvedItsmOptions } from './itsm-options';
import type { OpeningPractice } from './practice';

/**
 * Configuration items as a practice of the service: registered by the runner's `open`, changed
 * by `apply`, checked against the service's catalogue; they have no SLA clocks.
 * @internal
 */
export function configurationItemPractice(options: ResolvedItsmOptions): OpeningPractice<ConfigurationItem> {
  const catalogue = options.ciCatalogue;
  return {
    kind: CONFIGURATION_ITEM_KIND,
    numberFormat: options.numberFormats.configurationItem,
    policy: undefined,
    usesActorGroups: false,
    parseInput: (input) => parseWith(RegisterConfigurationItemInput, input, 'configuration item'),
    open: (input, context) => safeRegisterConfigurationItem(input, { ...context, catalogue }),
    apply: (record, event, { now, actor, newId }) => safeApplyConfigurationItemEvent(record, event, { now, actor, newId, catalogue }),
  };
}
