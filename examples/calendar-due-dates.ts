// When is a ticket due? A service desk in Berlin works Monday to Friday with a lunch break,
// closes on public holidays and half-days on Christmas Eve. This program computes due dates on
// that calendar and checks the answers it prints.
import assert from 'node:assert/strict';
import {
  addBusinessTime,
  businessTimeBetween,
  businessWindowsOn,
  defineCalendar,
  isBusinessTime,
  nextBusinessTime,
} from 'itsm-kit/calendar';

const weekday = [
  { start: '08:00', end: '12:00' },
  { start: '13:00', end: '17:00' },
];
const serviceDesk = defineCalendar({
  timeZone: 'Europe/Berlin',
  week: { monday: weekday, tuesday: weekday, wednesday: weekday, thursday: weekday, friday: weekday },
  holidays: [
    { date: '2026-12-24', name: 'Christmas Eve', hours: [{ start: '08:00', end: '12:00' }] },
    { date: '2026-12-25', name: 'Christmas Day' },
    { date: '2026-12-26', name: 'Boxing Day' },
  ],
});

const HOUR = 3_600_000;
const berlin = (date: Date): string =>
  date.toLocaleString('en-GB', { timeZone: 'Europe/Berlin', weekday: 'short', day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit' });

// A ticket raised on Wednesday 23 December at 15:30 in Berlin (14:30 UTC).
const opened = new Date('2026-12-23T14:30:00Z');
console.log(`Ticket opened ${berlin(opened)} (desk open: ${isBusinessTime(serviceDesk, opened)})`);

for (const [name, hours] of [['P1 response', 1], ['P2 resolution', 8], ['P3 resolution', 24]] as const) {
  const due = addBusinessTime(serviceDesk, opened, hours * HOUR);
  console.log(`  ${name.padEnd(14)} ${String(hours).padStart(2)} business hours → due ${berlin(due)}`);
}

// 8 business hours: 1.5 h on the 23rd, 4 h on Christmas Eve morning, then 2.5 h after the holidays.
const p2 = addBusinessTime(serviceDesk, opened, 8 * HOUR);
assert.equal(p2.toISOString(), '2026-12-28T09:30:00.000Z');
assert.equal(businessTimeBetween(serviceDesk, opened, p2), 8 * HOUR);

// Christmas Eve has only its morning window; Christmas Day none.
assert.deepEqual(
  businessWindowsOn(serviceDesk, '2026-12-24').map((w) => [w.start.toISOString(), w.end.toISOString()]),
  [['2026-12-24T07:00:00.000Z', '2026-12-24T11:00:00.000Z']],
);
assert.deepEqual(businessWindowsOn(serviceDesk, '2026-12-25'), []);

// Somebody calls on Christmas Day: when does the desk next pick up?
const call = new Date('2026-12-25T10:00:00Z');
const pickUp = nextBusinessTime(serviceDesk, call);
console.log(`A call on ${berlin(call)} is picked up ${berlin(pickUp)}`);
assert.equal(pickUp.toISOString(), '2026-12-28T07:00:00.000Z');
