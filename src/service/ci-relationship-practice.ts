import { CI_RELATIONSHIP_KIND } from '../cmdb/add-ci-relationship';
import type { CiRelationshipRecord } from '../cmdb/ci-relationship-record.schema';
import { safeRemoveCiRelationship } from '../cmdb/remove-ci-relationship';
import { issue, ValidationError } from '../core/validation-error';
import type { ResolvedItsmOptions } from './itsm-options';
import type { Practice } from './practice';

/**
 * Stored relationships as the command runner sees them, so they are loaded and written — with
 * audit entries and events — by the same steps as every record. Their one event is `remove`;
 * they are created by the relationship commands, not by `open`.
 * @internal
 */
export function ciRelationshipPractice(options: ResolvedItsmOptions): Practice<CiRelationshipRecord> {
  return {
    kind: CI_RELATIONSHIP_KIND,
    numberFormat: options.numberFormats.ciRelationship,
    policy: undefined,
    usesActorGroups: false,
    apply: (record, event, { now, actor, newId }) =>
      typeof event === 'object' && event !== null && (event as { type?: unknown }).type === 'remove'
        ? safeRemoveCiRelationship(record, { now, actor, newId })
        : { success: false, error: new ValidationError([issue(['type'], 'must be remove')], 'ci_relationship event') },
  };
}
