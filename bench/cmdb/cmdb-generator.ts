/**
 * A deterministic CMDB of a large enterprise, in the shape of a real one: business services
 * depend on applications, applications run on virtual machines and depend on databases (one
 * identity database a third of them use) and on each other, databases run on VMs or physical servers,
 * VMs run on compute clusters of hypervisor servers (redundant: most keep running with one host
 * down), VMs and databases depend on storage arrays, servers depend on access switches, and
 * access switches depend on redundant pairs of core routers.
 */
import type { CiRelationship, ConfigurationItem } from '../../src/cmdb/index';

export interface GeneratedCmdb {
  readonly items: ConfigurationItem[];
  readonly relationships: CiRelationship[];
  /** Both routers of the first core pair: down together, they cut off a tenth of the access switches. */
  readonly corePair: readonly [string, string];
  /** The identity database about a third of the applications depend on. */
  readonly identityDatabase: string;
  /** A business service, for downstream analysis. */
  readonly service: string;
}

const COUNTS = {
  coreRouters: 20,
  accessSwitches: 2_000,
  hypervisorClusters: 2_000,
  hypervisors: 7_000,
  standaloneServers: 5_000,
  storage: 1_000,
  virtualMachines: 40_000,
  databases: 8_000,
  services: 2_000,
} as const;
const TOTAL_ITEMS = 100_000;
const TOTAL_RELATIONSHIPS = 300_000;
const TENANT = 'bench';
const AT = '2026-11-23T08:00:00.000Z';

/** The CMDB for `seed`: 100,000 items and 300,000 relationships. */
export function generateCmdb(seed = 20261123): GeneratedCmdb {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const items: ConfigurationItem[] = [];
  const relationships: CiRelationship[] = [];
  const keys = new Set<string>();
  const add = (className: string, prefix: string, extra: Partial<ConfigurationItem> = {}): string => {
    const id = `${prefix}-${items.length}`;
    items.push({
      id,
      tenantId: TENANT,
      number: `CI${String(items.length + 1).padStart(7, '0')}`,
      version: 1,
      createdAt: AT,
      updatedAt: AT,
      openedBy: { kind: 'system', id: 'discovery' },
      className,
      name: id,
      attributes: {},
      operationalStatus: 'operational',
      ...extra,
    });
    return id;
  };
  const link = (sourceId: string, type: string, targetId: string): void => {
    const key = `${sourceId}|${type}|${targetId}`;
    if (sourceId === targetId || keys.has(key) || relationships.length >= TOTAL_RELATIONSHIPS) return;
    keys.add(key);
    relationships.push({ tenantId: TENANT, id: `rel-${relationships.length}`, type, sourceId, targetId });
  };
  const many = <T>(count: number, make: (index: number) => T): T[] => Array.from({ length: count }, (_, index) => make(index));

  const routers = many(COUNTS.coreRouters, () => add('network_device', 'core', { attributes: { device_type: 'router' } }));
  const corePairs = many(COUNTS.coreRouters / 2, (pair) => {
    const id = add('cluster', 'core-pair', { attributes: { cluster_type: 'network' }, redundancy: { minimumUp: 1 } });
    link(routers[2 * pair]!, 'member_of', id);
    link(routers[2 * pair + 1]!, 'member_of', id);
    return id;
  });
  const switches = many(COUNTS.accessSwitches, (index) => {
    const id = add('network_device', 'switch', { attributes: { device_type: 'switch' } });
    link(id, 'depends_on', corePairs[index % corePairs.length]!);
    return id;
  });
  const storage = many(COUNTS.storage, () => add('storage', 'storage'));
  const server = (className: string, prefix: string): string => {
    const id = add(className, prefix);
    const access = pick(switches);
    link(id, 'depends_on', access);
    link(access, 'connects_to', id);
    return id;
  };
  const clusters = many(COUNTS.hypervisorClusters, () => add('cluster', 'hv-cluster', { attributes: { cluster_type: 'compute' }, redundancy: { minimumUp: 2 } }));
  for (let index = 0; index < COUNTS.hypervisors; index++) link(server('server', 'hypervisor'), 'member_of', clusters[index % clusters.length]!);
  const standalone = many(COUNTS.standaloneServers, () => server('server', 'server'));
  const vms = many(COUNTS.virtualMachines, () => {
    const id = add('virtual_machine', 'vm');
    link(id, 'runs_on', pick(clusters));
    link(id, 'depends_on', pick(storage));
    return id;
  });
  const databases = many(COUNTS.databases, () => {
    const id = add('database', 'db');
    link(id, 'runs_on', random() < 0.7 ? pick(vms) : pick(standalone));
    link(id, 'depends_on', pick(storage));
    return id;
  });
  const identityDatabase = databases[0]!;
  const applicationCount = TOTAL_ITEMS - items.length - COUNTS.services;
  const applications = many(applicationCount, () => add('application', 'app'));
  for (const app of applications) {
    link(app, 'runs_on', pick(vms));
    link(app, 'depends_on', pick(databases));
    if (random() < 0.3) link(app, 'depends_on', identityDatabase);
  }
  const services = many(COUNTS.services, () => {
    const id = add('business_service', 'svc');
    for (let k = 0; k < 5; k++) link(id, 'depends_on', pick(applications));
    return id;
  });
  // Applications calling applications, as in a real estate: within a domain of 50 (a later
  // application on an earlier one), on the 200 shared platform applications, and one call in a
  // hundred anywhere, either way, so there are cycles and links across domains.
  const DOMAIN = 50;
  const PLATFORM = 200;
  while (relationships.length < TOTAL_RELATIONSHIPS) {
    const caller = Math.floor(random() * applications.length);
    const roll = random();
    const domainStart = caller - (caller % DOMAIN);
    const callee =
      roll < 0.01 ? Math.floor(random() * applications.length)
      : roll < 0.3 ? Math.floor(random() * PLATFORM)
      : domainStart + Math.floor(random() * (caller - domainStart));
    if (roll < 0.3 && caller < PLATFORM && callee >= caller && roll >= 0.01) continue;
    link(applications[caller]!, 'depends_on', applications[callee]!);
  }
  return { items, relationships, corePair: [routers[0]!, routers[1]!], identityDatabase, service: services[0]! };
}

/** A small seeded PRNG (mulberry32), as in bench-inputs.ts: reproducible without a dependency. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
