import { describe, expect, it } from 'vitest';
import { defineCalendar } from '../../src/calendar/index';
import {
  businessServiceAvailability,
  buildCmdbGraph,
  safeBusinessServiceAvailability,
  safeServiceOutagesFromCiOutages,
  serviceOutagesFromCiOutages,
} from '../../src/cmdb/index';
import { serviceAvailability } from '../../src/sla/index';
import { catalogue, ci, rel } from './support';

const graph = buildCmdbGraph(
  catalogue,
  [
    ci('shop', 'business_service', { serviceCalendarId: 'office-hours' }),
    ci('checkout', 'application'),
    ci('orders-db', 'database'),
    ci('web', 'cluster', { redundancy: { minimumUp: 1 } }),
    ci('web-1', 'server'),
    ci('web-2', 'server'),
    ci('db-host', 'server'),
    ci('printer-sw', 'network_device'),
  ],
  [
    rel('shop', 'depends_on', 'checkout'),
    rel('checkout', 'runs_on', 'web'),
    rel('checkout', 'depends_on', 'orders-db'),
    rel('orders-db', 'runs_on', 'db-host'),
    rel('web-1', 'member_of', 'web'),
    rel('web-2', 'member_of', 'web'),
  ],
);

// 23 November 2026 is a Monday.
const at = (time: string): string => `2026-11-23T${time}:00.000Z`;
const officeHours = defineCalendar({
  timeZone: 'UTC',
  week: Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((day) => [day, [{ start: '08:00', end: '18:00' }]])),
});
const monday = { from: at('00:00'), to: '2026-11-24T00:00:00.000Z' };

const outages = [
  // One web node down for two hours, the other for half an hour within them: the cluster is down for that half hour.
  { ciId: 'web-1', start: at('10:00'), end: at('12:00') },
  { ciId: 'web-2', start: at('11:00'), end: at('11:30'), source: 'INC0001002' },
  // The database host, then the database itself, back to back and overlapping: one outage.
  { ciId: 'db-host', start: at('13:00'), end: at('14:00') },
  { ciId: 'orders-db', start: at('13:30'), end: at('15:00') },
  // Not something the shop depends on.
  { ciId: 'printer-sw', start: at('09:00'), end: at('17:00') },
  // At night, outside the service's hours.
  { ciId: 'checkout', start: at('20:00'), end: at('21:00') },
];

describe('service outages from CI outages', () => {
  it('turns the outages of items into the outages of the service they impact, with their causes', () => {
    expect(serviceOutagesFromCiOutages(graph, outages, 'shop')).toEqual([
      { start: at('11:00'), end: at('11:30'), causes: ['web-2'] },
      { start: at('13:00'), end: at('15:00'), causes: ['db-host', 'orders-db'] },
      { start: at('20:00'), end: at('21:00'), causes: ['checkout'] },
    ]);
  });

  it('keeps an outage that has not ended open, and counts the service itself being down', () => {
    expect(serviceOutagesFromCiOutages(graph, [{ ciId: 'shop', start: at('09:00'), end: at('10:00') }, { ciId: 'db-host', start: at('10:00') }], 'shop')).toEqual([
      { start: at('09:00'), causes: ['shop', 'db-host'] },
    ]);
    expect(serviceOutagesFromCiOutages(graph, [], 'shop')).toEqual([]);
  });

  it('keeps an item down until the last of its overlapping outages ends', () => {
    const overlapping = [
      { ciId: 'db-host', start: at('09:00'), end: at('11:00') },
      { ciId: 'db-host', start: at('10:00'), end: at('10:30') },
    ];
    expect(serviceOutagesFromCiOutages(graph, overlapping, 'shop')).toEqual([{ start: at('09:00'), end: at('11:00'), causes: ['db-host'] }]);
  });

  it('gives the availability on the service hours, as serviceAvailability does with those outages', () => {
    const availability = businessServiceAvailability(graph, outages, 'shop', officeHours, monday);
    // 10 scheduled hours; 0.5 h and 2 h down in them, the night outage costs nothing.
    expect(availability).toMatchObject({ scheduledMs: 36_000_000, downMs: 9_000_000, availabilityPercent: 75 });
    expect(availability).toEqual({ ...serviceAvailability(availability.outages, officeHours, monday), outages: availability.outages });
  });

  it('names the path of bad input', () => {
    const paths = (result: { success: boolean; error?: { issues: readonly { path: readonly (string | number)[] }[] } }) => result.error?.issues.map((i) => i.path.join('.'));
    expect(paths(safeServiceOutagesFromCiOutages(graph, [{ ciId: 'ghost', start: at('09:00') }], 'shop'))).toEqual(['outages.0.ciId']);
    expect(paths(safeServiceOutagesFromCiOutages(graph, [{ ciId: 'web-1', start: at('09:00'), end: at('08:00') }], 'shop'))).toEqual(['outages.0.end']);
    expect(paths(safeServiceOutagesFromCiOutages(graph, [], 'ghost'))).toEqual(['serviceId']);
    expect(paths(safeServiceOutagesFromCiOutages({ tenantId: 'acme', itemCount: 0, relationshipCount: 0 }, [], 'shop'))).toEqual(['graph']);
    expect(paths(safeBusinessServiceAvailability(graph, outages, 'shop', officeHours, { from: monday.to, to: monday.from }))).toEqual(['period.to']);
    expect(paths(safeBusinessServiceAvailability(graph, outages, 'shop', 'office-hours', monday))).toEqual(['calendar']);
    expect(() => serviceOutagesFromCiOutages(graph, 'none' as never, 'shop')).toThrow(/outages/);
  });
});
