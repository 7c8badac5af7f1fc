// The calendar suite runs twice, under TZ=UTC and TZ=Pacific/Chatham (see vitest.config.ts), to
// show that no answer depends on the process time zone. This checks that the second run really
// happens in Chatham, and that a calendar's answers are the ones the UTC run checks.
import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessWindowsOn, defineCalendar } from '../../src/calendar/index';

describe('the process time zone', () => {
  it('is the one the test project asked for', () => {
    const requested = process.env['TZ'];
    expect(requested === 'UTC' || requested === 'Pacific/Chatham').toBe(true);
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(requested);
    // Chatham is +13:45 in its summer: local midnight of 2026-01-01 is 10:15 UTC the day before.
    const localMidnight = new Date(2026, 0, 1).toISOString();
    expect(localMidnight).toBe(requested === 'UTC' ? '2026-01-01T00:00:00.000Z' : '2025-12-31T10:15:00.000Z');
  });

  it('does not change what a calendar in another zone answers', () => {
    const berlin = defineCalendar({ timeZone: 'Europe/Berlin', week: { thursday: [{ start: '09:00', end: '17:00' }] } });
    expect(businessWindowsOn(berlin, '2026-01-01').map((w) => [w.start.toISOString(), w.end.toISOString()])).toEqual([
      ['2026-01-01T08:00:00.000Z', '2026-01-01T16:00:00.000Z'],
    ]);
    expect(addBusinessTime(berlin, new Date('2025-12-31T23:00:00Z'), 3_600_000).toISOString()).toBe('2026-01-01T09:00:00.000Z');
  });
});
