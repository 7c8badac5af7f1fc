import { deepFreeze } from '../core/deep-freeze';
import type { CiRelationshipTypeInput } from './ci-relationship-type.schema';

/**
 * The relationship types every catalogue starts from, merged under the host's by name:
 *
 * | type          | inverse       | joins                                                 | an outage travels |
 * |---------------|---------------|-------------------------------------------------------|-------------------|
 * | `depends_on`  | `used_by`     | any item to any item                                  | target → source   |
 * | `runs_on`     | `hosts`       | application, database → server, cluster; VM → server, cluster | target → source |
 * | `connects_to` | `connects_to` | network device ↔ any item (symmetric)                 | nowhere           |
 * | `member_of`   | `has_member`  | server, VM, database, application, network device, storage → cluster | source → target, as a redundancy member |
 *
 * `connects_to` carries no impact on purpose: a symmetric link cannot say who needs whom, and
 * propagating both ways would make a switch "impacted" by every server plugged into it. Record
 * that a server needs its switch with `depends_on`.
 */
export const DEFAULT_CI_RELATIONSHIP_TYPES: readonly CiRelationshipTypeInput[] = deepFreeze([
  {
    name: 'depends_on',
    inverseName: 'used_by',
    label: 'Depends on',
    allowed: [{ source: 'configuration_item', target: 'configuration_item' }],
    impact: 'target_to_source',
  },
  {
    name: 'runs_on',
    inverseName: 'hosts',
    label: 'Runs on',
    allowed: [
      { source: 'application', target: 'server' },
      { source: 'application', target: 'cluster' },
      { source: 'database', target: 'server' },
      { source: 'database', target: 'cluster' },
      { source: 'virtual_machine', target: 'server' },
      { source: 'virtual_machine', target: 'cluster' },
    ],
    impact: 'target_to_source',
  },
  {
    name: 'connects_to',
    inverseName: 'connects_to',
    label: 'Connects to',
    allowed: [{ source: 'network_device', target: 'configuration_item' }],
    impact: 'none',
  },
  {
    name: 'member_of',
    inverseName: 'has_member',
    label: 'Member of',
    allowed: [
      { source: 'server', target: 'cluster' },
      { source: 'database', target: 'cluster' },
      { source: 'application', target: 'cluster' },
      { source: 'network_device', target: 'cluster' },
      { source: 'storage', target: 'cluster' },
    ],
    impact: 'source_to_target',
    redundancyMembers: true,
  },
]);
