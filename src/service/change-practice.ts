import { safeApplyChangeEvent } from '../change/apply-change-event';
import type { ChangeRequest } from '../change/change-request.schema';
import { OpenChangeInput } from '../change/change-event.schema';
import { safeOpenChange } from '../change/open-change';
import { parseWith } from '../core/from-zod';
import type { ResolvedItsmOptions } from './itsm-options';
import type { OpeningPractice } from './practice';

/** Change requests as a practice of the service; approvals see the actor's groups. @internal */
export function changePractice(options: ResolvedItsmOptions): OpeningPractice<ChangeRequest> {
  const shared = options.lifecycles.change === undefined ? {} : { lifecycle: options.lifecycles.change };
  return {
    kind: 'change',
    numberFormat: options.numberFormats.change,
    policy: options.slaPolicies.change,
    usesActorGroups: true,
    parseInput: (input) => parseWith(OpenChangeInput, input, 'change'),
    open: (input, context) => safeOpenChange(input, { ...context, ...shared }),
    apply: (record, event, context) => safeApplyChangeEvent(record, event, { ...context, ...shared }),
  };
}
