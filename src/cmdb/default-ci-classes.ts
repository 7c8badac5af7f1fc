import { deepFreeze } from '../core/deep-freeze';
import type { CiClassInput } from './ci-class.schema';

const HOST_NAME = '[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*';
const IP_ADDRESS = '(\\d{1,3}\\.){3}\\d{1,3}|[0-9A-Fa-f:]{2,39}';

/**
 * The classes every catalogue starts from, which `defineCiClasses` merges the host's over (a
 * host class of the same name replaces the built-in one):
 *
 * ```
 * configuration_item (abstract)
 * ├── business_service     a service the business consumes (payroll, web shop)
 * ├── application          software that delivers part of a service
 * ├── database             a database instance
 * ├── server               a physical computer
 * │   └── virtual_machine  a guest on a hypervisor; a server in every rule
 * ├── cluster              a group of members that stand in for each other
 * ├── network_device       a router, switch, firewall, load balancer
 * └── storage              a storage array, a volume, a share
 * ```
 */
export const DEFAULT_CI_CLASSES: readonly CiClassInput[] = deepFreeze([
  {
    name: 'configuration_item',
    label: 'Configuration item',
    description: 'The root of every class: what all configuration items have in common.',
    abstract: true,
    attributes: {
      serial_number: { kind: 'string', maxLength: 100 },
      location: { kind: 'string', maxLength: 200 },
      installed_at: { kind: 'instant' },
    },
  },
  {
    name: 'business_service',
    extends: 'configuration_item',
    label: 'Business service',
    attributes: {
      criticality: { kind: 'enum', values: ['low', 'medium', 'high', 'mission_critical'] },
      service_owner: { kind: 'string', maxLength: 200 },
    },
  },
  {
    name: 'application',
    extends: 'configuration_item',
    label: 'Application',
    attributes: {
      vendor: { kind: 'string', maxLength: 200 },
      version: { kind: 'string', maxLength: 100 },
      url: { kind: 'string', maxLength: 2000, pattern: 'https?://\\S+' },
    },
  },
  {
    name: 'database',
    extends: 'configuration_item',
    label: 'Database',
    attributes: {
      engine: { kind: 'enum', values: ['postgresql', 'mysql', 'mariadb', 'oracle', 'sql_server', 'db2', 'mongodb', 'redis', 'other'] },
      version: { kind: 'string', maxLength: 100 },
      port: { kind: 'integer', min: 1, max: 65_535 },
    },
  },
  {
    name: 'server',
    extends: 'configuration_item',
    label: 'Server',
    attributes: {
      host_name: { kind: 'string', maxLength: 253, pattern: HOST_NAME },
      ip_address: { kind: 'string', maxLength: 39, pattern: IP_ADDRESS },
      operating_system: { kind: 'string', maxLength: 200 },
      cpu_count: { kind: 'integer', min: 1, max: 100_000 },
      memory_gb: { kind: 'number', min: 0 },
    },
  },
  {
    name: 'virtual_machine',
    extends: 'server',
    label: 'Virtual machine',
    attributes: {
      hypervisor: { kind: 'enum', values: ['vmware', 'hyper_v', 'kvm', 'xen', 'cloud', 'other'] },
    },
  },
  {
    name: 'cluster',
    extends: 'configuration_item',
    label: 'Cluster',
    attributes: {
      cluster_type: { kind: 'enum', values: ['compute', 'database', 'storage', 'network', 'application'] },
    },
  },
  {
    name: 'network_device',
    extends: 'configuration_item',
    label: 'Network device',
    attributes: {
      device_type: { kind: 'enum', values: ['router', 'switch', 'firewall', 'load_balancer', 'access_point', 'other'] },
      management_ip: { kind: 'string', maxLength: 39, pattern: IP_ADDRESS },
    },
  },
  {
    name: 'storage',
    extends: 'configuration_item',
    label: 'Storage',
    attributes: {
      capacity_gb: { kind: 'number', min: 0 },
      protocol: { kind: 'enum', values: ['nfs', 'smb', 'iscsi', 'fibre_channel', 'object', 'other'] },
    },
  },
]);
