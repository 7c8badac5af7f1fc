import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  businessTimeBetween,
  businessTimeOnDate,
  businessWindowsBetween,
  businessWindowsOn,
  defineCalendar,
  isBusinessTime,
  nextBusinessTime,
  subtractBusinessTime,
  type BusinessCalendarDefinition,
} from '../../src/calendar/index';
import { at, iso, spans } from './support';

// Every expected instant below was worked out by hand from the tz rules (offsets before and after
// each change are noted beside each case) and cross-checked once with temporal-polyfill's
// "compatible" disambiguation. The tests hold the literal results, so they do not depend on a
// second implementation.

const MINUTE = 60_000;
const HOUR = 3_600_000;

const calendar = (definition: BusinessCalendarDefinition) => defineCalendar(definition);

describe('Europe/Berlin (CET +01:00, CEST +02:00)', () => {
  // Spring: Sunday 2026-03-29 at 01:00Z the clocks go 02:00 CET -> 03:00 CEST; local 02:00–03:00 is skipped.
  // Autumn: Sunday 2026-10-25 at 01:00Z the clocks go 03:00 CEST -> 02:00 CET; local 02:00–03:00 happens twice.
  const acrossTheChange = calendar({ timeZone: 'Europe/Berlin', week: { sunday: [{ start: '01:00', end: '05:00' }] } });

  it('makes a 01:00–05:00 window an hour shorter on the spring-forward day', () => {
    // 01:00 CET = 00:00Z; 05:00 CEST = 03:00Z: 3 h of real time for 4 h of wall clock.
    expect(spans(businessWindowsOn(acrossTheChange, '2026-03-29'))).toEqual([['2026-03-29T00:00:00.000Z', '2026-03-29T03:00:00.000Z']]);
    expect(businessTimeOnDate(acrossTheChange, '2026-03-29')).toBe(3 * HOUR);
    // An ordinary Sunday a week earlier is 4 h (01:00–05:00 CET = 00:00Z–04:00Z).
    expect(businessTimeOnDate(acrossTheChange, '2026-03-22')).toBe(4 * HOUR);
    expect(businessTimeBetween(acrossTheChange, at('2026-03-28T12:00:00Z'), at('2026-03-30T00:00:00Z'))).toBe(3 * HOUR);
  });

  it('adds real elapsed time across the skipped hour', () => {
    // 01:00 CET (00:00Z) + 2 h of real time = 02:00Z, which reads 04:00 CEST.
    expect(iso(addBusinessTime(acrossTheChange, at('2026-03-29T00:00:00Z'), 2 * HOUR))).toBe('2026-03-29T02:00:00.000Z');
    // The whole 3 h window ends at its closing time, 05:00 CEST = 03:00Z.
    expect(iso(addBusinessTime(acrossTheChange, at('2026-03-29T00:00:00Z'), 3 * HOUR))).toBe('2026-03-29T03:00:00.000Z');
    // 05:00 CEST (03:00Z) back 3 h is the opening, 01:00 CET = 00:00Z.
    expect(iso(subtractBusinessTime(acrossTheChange, at('2026-03-29T03:00:00Z'), 3 * HOUR))).toBe('2026-03-29T00:00:00.000Z');
    // 03:30 CEST = 01:30Z is inside the window; 05:00 CEST = 03:00Z is the (excluded) end.
    expect(isBusinessTime(acrossTheChange, at('2026-03-29T01:30:00Z'))).toBe(true);
    expect(isBusinessTime(acrossTheChange, at('2026-03-29T03:00:00Z'))).toBe(false);
  });

  it('makes a 01:00–05:00 window an hour longer on the fall-back day', () => {
    // 01:00 CEST = 2026-10-24T23:00Z; 05:00 CET = 04:00Z: 5 h of real time.
    expect(spans(businessWindowsOn(acrossTheChange, '2026-10-25'))).toEqual([['2026-10-24T23:00:00.000Z', '2026-10-25T04:00:00.000Z']]);
    expect(businessTimeOnDate(acrossTheChange, '2026-10-25')).toBe(5 * HOUR);
    expect(iso(nextBusinessTime(acrossTheChange, at('2026-10-24T12:00:00Z')))).toBe('2026-10-24T23:00:00.000Z');
    // 4 h after 01:00 CEST is 04:00 CET = 03:00Z (wall clock would say 05:00 without the repeat).
    expect(iso(addBusinessTime(acrossTheChange, at('2026-10-24T23:00:00Z'), 4 * HOUR))).toBe('2026-10-25T03:00:00.000Z');
    expect(iso(subtractBusinessTime(acrossTheChange, at('2026-10-25T04:00:00Z'), 5 * HOUR))).toBe('2026-10-24T23:00:00.000Z');
    // Both readings of 02:30 are open: 02:30 CEST = 00:30Z and 02:30 CET = 01:30Z.
    expect(isBusinessTime(acrossTheChange, at('2026-10-25T00:30:00Z'))).toBe(true);
    expect(isBusinessTime(acrossTheChange, at('2026-10-25T01:30:00Z'))).toBe(true);
  });

  it('reads a start in the spring gap with the offset before the gap (the later instant)', () => {
    // 02:30 does not exist on 2026-03-29. Read with CET (+01:00) it is 01:30Z, which is 03:30 CEST.
    // The end 04:00 CEST = 02:00Z, so the window is 30 minutes.
    const gapStart = calendar({ timeZone: 'Europe/Berlin', week: { sunday: [{ start: '02:30', end: '04:00' }] } });
    expect(spans(businessWindowsOn(gapStart, '2026-03-29'))).toEqual([['2026-03-29T01:30:00.000Z', '2026-03-29T02:00:00.000Z']]);
    expect(businessTimeOnDate(gapStart, '2026-03-29')).toBe(30 * MINUTE);
    expect(iso(nextBusinessTime(gapStart, at('2026-03-29T00:00:00Z')))).toBe('2026-03-29T01:30:00.000Z');
    expect(isBusinessTime(gapStart, at('2026-03-29T01:29:59.999Z'))).toBe(false);
    expect(isBusinessTime(gapStart, at('2026-03-29T01:30:00Z'))).toBe(true);
  });

  it('reads an ambiguous start in October as the earlier instant', () => {
    // 02:30 happens twice on 2026-10-25: 02:30 CEST = 00:30Z, then 02:30 CET = 01:30Z. The earlier wins.
    // The end 04:00 CET = 03:00Z, so the window is 2 h 30 min.
    const ambiguousStart = calendar({ timeZone: 'Europe/Berlin', week: { sunday: [{ start: '02:30', end: '04:00' }] } });
    expect(spans(businessWindowsOn(ambiguousStart, '2026-10-25'))).toEqual([['2026-10-25T00:30:00.000Z', '2026-10-25T03:00:00.000Z']]);
    expect(businessTimeOnDate(ambiguousStart, '2026-10-25')).toBe(150 * MINUTE);
    expect(iso(nextBusinessTime(ambiguousStart, at('2026-10-25T00:00:00Z')))).toBe('2026-10-25T00:30:00.000Z');
    // 02:15 CET (01:15Z, the second pass) lies inside the window that opened at the first 02:30.
    expect(isBusinessTime(ambiguousStart, at('2026-10-25T01:15:00Z'))).toBe(true);
    expect(iso(subtractBusinessTime(ambiguousStart, at('2026-10-25T03:00:00Z'), 150 * MINUTE))).toBe('2026-10-25T00:30:00.000Z');
  });

  it('gives an empty window when both ends fall on the same instant across the gap', () => {
    // 02:00 (in the gap, read with CET) = 01:00Z and 03:00 CEST = 01:00Z: end is not after start.
    const vanishing = calendar({ timeZone: 'Europe/Berlin', week: { sunday: [{ start: '02:00', end: '03:00' }] } });
    expect(businessWindowsOn(vanishing, '2026-03-29')).toEqual([]);
    expect(businessTimeOnDate(vanishing, '2026-03-29')).toBe(0);
    // The week before, 02:00–03:00 CET = 01:00Z–02:00Z, so the next opening after the change day is 2026-04-05 02:00 CEST.
    expect(iso(nextBusinessTime(vanishing, at('2026-03-29T00:00:00Z')))).toBe('2026-04-05T00:00:00.000Z');
  });

  it('runs an overnight window across the change: 7 h in spring, 9 h in autumn', () => {
    // Saturday 22:00 -> Sunday 06:00 (8 h on the wall clock).
    const nights = calendar({ timeZone: 'Europe/Berlin', week: { saturday: [{ start: '22:00', end: '06:00' }] } });
    // Spring: 22:00 CET = 2026-03-28T21:00Z; 06:00 CEST = 2026-03-29T04:00Z -> 7 h.
    expect(spans(businessWindowsOn(nights, '2026-03-28'))).toEqual([['2026-03-28T21:00:00.000Z', '2026-03-29T04:00:00.000Z']]);
    expect(businessTimeOnDate(nights, '2026-03-28')).toBe(7 * HOUR);
    // The window belongs to Saturday, so Sunday has none of its own.
    expect(businessWindowsOn(nights, '2026-03-29')).toEqual([]);
    expect(iso(addBusinessTime(nights, at('2026-03-28T21:00:00Z'), 7 * HOUR))).toBe('2026-03-29T04:00:00.000Z');
    expect(isBusinessTime(nights, at('2026-03-29T03:59:59.999Z'))).toBe(true);
    // Autumn: 22:00 CEST = 2026-10-24T20:00Z; 06:00 CET = 2026-10-25T05:00Z -> 9 h.
    expect(businessTimeOnDate(nights, '2026-10-24')).toBe(9 * HOUR);
    expect(businessTimeBetween(nights, at('2026-10-24T00:00:00Z'), at('2026-10-26T00:00:00Z'))).toBe(9 * HOUR);
    // 8 h after opening is 05:00 CET = 04:00Z, an hour before the 06:00 close.
    expect(iso(addBusinessTime(nights, at('2026-10-24T20:00:00Z'), 8 * HOUR))).toBe('2026-10-25T04:00:00.000Z');
    expect(iso(subtractBusinessTime(nights, at('2026-10-25T05:00:00Z'), 9 * HOUR))).toBe('2026-10-24T20:00:00.000Z');
  });

  it('ends a 00:00–24:00 day at the next local midnight: 23 h in spring, 25 h in autumn', () => {
    const allDay = calendar({ timeZone: 'Europe/Berlin', week: { sunday: [{ start: '00:00', end: '24:00' }] } });
    // 00:00 CET = 2026-03-28T23:00Z; 24:00 = Monday 00:00 CEST = 2026-03-29T22:00Z.
    expect(spans(businessWindowsOn(allDay, '2026-03-29'))).toEqual([['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z']]);
    expect(businessTimeOnDate(allDay, '2026-03-29')).toBe(23 * HOUR);
    // 00:00 CEST = 2026-10-24T22:00Z; 24:00 = Monday 00:00 CET = 2026-10-25T23:00Z.
    expect(spans(businessWindowsOn(allDay, '2026-10-25'))).toEqual([['2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z']]);
    expect(businessTimeOnDate(allDay, '2026-10-25')).toBe(25 * HOUR);
    expect(iso(addBusinessTime(allDay, at('2026-10-24T22:00:00Z'), 25 * HOUR))).toBe('2026-10-25T23:00:00.000Z');
    expect(isBusinessTime(allDay, at('2026-10-25T22:59:59.999Z'))).toBe(true);
    expect(isBusinessTime(allDay, at('2026-10-25T23:00:00Z'))).toBe(false);
  });
});

describe('Australia/Sydney (AEST +10:00, AEDT +11:00; southern hemisphere)', () => {
  // Autumn: Sunday 2026-04-05 at 2026-04-04T16:00Z, 03:00 AEDT -> 02:00 AEST; local 02:00–03:00 happens twice.
  // Spring: Sunday 2026-10-04 at 2026-10-03T16:00Z, 02:00 AEST -> 03:00 AEDT; local 02:00–03:00 is skipped.
  const sydney = calendar({
    timeZone: 'Australia/Sydney',
    week: { sunday: [{ start: '01:00', end: '05:00' }], monday: [{ start: '09:00', end: '17:00' }] },
  });

  it('has a longer Sunday window in April and a shorter one in October', () => {
    // April: 01:00 AEDT = 2026-04-04T14:00Z, 05:00 AEST = 2026-04-04T19:00Z -> 5 h.
    expect(spans(businessWindowsOn(sydney, '2026-04-05'))).toEqual([['2026-04-04T14:00:00.000Z', '2026-04-04T19:00:00.000Z']]);
    expect(businessTimeOnDate(sydney, '2026-04-05')).toBe(5 * HOUR);
    // October: 01:00 AEST = 2026-10-03T15:00Z, 05:00 AEDT = 2026-10-03T18:00Z -> 3 h.
    expect(spans(businessWindowsOn(sydney, '2026-10-04'))).toEqual([['2026-10-03T15:00:00.000Z', '2026-10-03T18:00:00.000Z']]);
    expect(businessTimeOnDate(sydney, '2026-10-04')).toBe(3 * HOUR);
  });

  it('carries business time from the long Sunday into Monday', () => {
    // Monday 2026-04-06 09:00 AEST = 2026-04-05T23:00Z. 6 h from Sunday's opening: 5 h on Sunday, 1 h on Monday.
    expect(iso(addBusinessTime(sydney, at('2026-04-04T14:00:00Z'), 6 * HOUR))).toBe('2026-04-06T00:00:00.000Z');
    expect(iso(subtractBusinessTime(sydney, at('2026-04-06T00:00:00Z'), 6 * HOUR))).toBe('2026-04-04T14:00:00.000Z');
    expect(businessTimeBetween(sydney, at('2026-04-04T14:00:00Z'), at('2026-04-06T00:00:00Z'))).toBe(6 * HOUR);
    // Sunday's close (05:00 AEST = 19:00Z) is closed; the next opening is Monday 09:00 AEST.
    expect(iso(nextBusinessTime(sydney, at('2026-04-04T19:00:00Z')))).toBe('2026-04-05T23:00:00.000Z');
  });

  it('applies the gap and ambiguity rules to 02:30 starts', () => {
    const half = calendar({ timeZone: 'Australia/Sydney', week: { sunday: [{ start: '02:30', end: '04:00' }] } });
    // April: 02:30 is ambiguous; the earlier reading is AEDT: 2026-04-04T15:30Z. 04:00 AEST = 18:00Z.
    expect(spans(businessWindowsOn(half, '2026-04-05'))).toEqual([['2026-04-04T15:30:00.000Z', '2026-04-04T18:00:00.000Z']]);
    // October: 02:30 is skipped; read with AEST it is 2026-10-03T16:30Z (03:30 AEDT). 04:00 AEDT = 17:00Z.
    expect(spans(businessWindowsOn(half, '2026-10-04'))).toEqual([['2026-10-03T16:30:00.000Z', '2026-10-03T17:00:00.000Z']]);
    expect(isBusinessTime(half, at('2026-10-03T16:15:00Z'))).toBe(false);
    expect(iso(nextBusinessTime(half, at('2026-10-03T16:15:00Z')))).toBe('2026-10-03T16:30:00.000Z');
  });
});

describe('Australia/Lord_Howe (+10:30 standard, +11:00 summer: a 30-minute step)', () => {
  // Autumn: Sunday 2026-04-05 at 2026-04-04T15:00Z, 02:00 (+11:00) -> 01:30 (+10:30); 01:30–02:00 happens twice.
  // Spring: Sunday 2026-10-04 at 2026-10-03T15:30Z, 02:00 (+10:30) -> 02:30 (+11:00); 02:00–02:30 is skipped.
  const lordHowe = calendar({ timeZone: 'Australia/Lord_Howe', week: { sunday: [{ start: '01:00', end: '04:00' }] } });

  it('makes a 3 h window 30 minutes longer in April and 30 minutes shorter in October', () => {
    // 01:00 (+11:00) = 2026-04-04T14:00Z; 04:00 (+10:30) = 2026-04-04T17:30Z -> 3 h 30 min.
    expect(spans(businessWindowsOn(lordHowe, '2026-04-05'))).toEqual([['2026-04-04T14:00:00.000Z', '2026-04-04T17:30:00.000Z']]);
    expect(businessTimeOnDate(lordHowe, '2026-04-05')).toBe(210 * MINUTE);
    // 01:00 (+10:30) = 2026-10-03T14:30Z; 04:00 (+11:00) = 2026-10-03T17:00Z -> 2 h 30 min.
    expect(spans(businessWindowsOn(lordHowe, '2026-10-04'))).toEqual([['2026-10-03T14:30:00.000Z', '2026-10-03T17:00:00.000Z']]);
    expect(businessTimeOnDate(lordHowe, '2026-10-04')).toBe(150 * MINUTE);
    expect(iso(addBusinessTime(lordHowe, at('2026-10-03T14:30:00Z'), 2 * HOUR))).toBe('2026-10-03T16:30:00.000Z');
    expect(iso(subtractBusinessTime(lordHowe, at('2026-04-04T17:30:00Z'), 210 * MINUTE))).toBe('2026-04-04T14:00:00.000Z');
  });

  it('reads 01:45 in April as the earlier instant and 02:15 in October with the offset before the gap', () => {
    // April: 01:45 is ambiguous; earlier is +11:00 = 2026-04-04T14:45Z. The end 02:15 exists only at +10:30 = 15:45Z.
    const ambiguous = calendar({ timeZone: 'Australia/Lord_Howe', week: { sunday: [{ start: '01:45', end: '02:15' }] } });
    expect(spans(businessWindowsOn(ambiguous, '2026-04-05'))).toEqual([['2026-04-04T14:45:00.000Z', '2026-04-04T15:45:00.000Z']]);
    expect(businessTimeOnDate(ambiguous, '2026-04-05')).toBe(HOUR);
    // October: 02:15 is skipped; read at +10:30 it is 2026-10-03T15:45Z (02:45 +11:00). 03:00 (+11:00) = 16:00Z.
    const gap = calendar({ timeZone: 'Australia/Lord_Howe', week: { sunday: [{ start: '02:15', end: '03:00' }] } });
    expect(spans(businessWindowsOn(gap, '2026-10-04'))).toEqual([['2026-10-03T15:45:00.000Z', '2026-10-03T16:00:00.000Z']]);
    expect(iso(nextBusinessTime(gap, at('2026-10-03T15:00:00Z')))).toBe('2026-10-03T15:45:00.000Z');
  });
});

describe('Pacific/Chatham (+12:45 standard, +13:45 summer)', () => {
  // Autumn: Sunday 2026-04-05 at 2026-04-04T14:00Z, 03:45 (+13:45) -> 02:45 (+12:45); 02:45–03:45 happens twice.
  // Spring: Sunday 2026-09-27 at 2026-09-26T14:00Z, 02:45 (+12:45) -> 03:45 (+13:45); 02:45–03:45 is skipped.
  const chatham = calendar({
    timeZone: 'Pacific/Chatham',
    week: { sunday: [{ start: '02:00', end: '05:00' }], monday: [{ start: '09:00', end: '17:00' }] },
  });

  it('shifts windows by the 45-minute offsets and by the hour at the changes', () => {
    // April: 02:00 (+13:45) = 2026-04-04T12:15Z; 05:00 (+12:45) = 2026-04-04T16:15Z -> 4 h.
    expect(spans(businessWindowsOn(chatham, '2026-04-05'))).toEqual([['2026-04-04T12:15:00.000Z', '2026-04-04T16:15:00.000Z']]);
    expect(businessTimeOnDate(chatham, '2026-04-05')).toBe(4 * HOUR);
    // September: 02:00 (+12:45) = 2026-09-26T13:15Z; 05:00 (+13:45) = 2026-09-26T15:15Z -> 2 h.
    expect(spans(businessWindowsOn(chatham, '2026-09-27'))).toEqual([['2026-09-26T13:15:00.000Z', '2026-09-26T15:15:00.000Z']]);
    expect(businessTimeOnDate(chatham, '2026-09-27')).toBe(2 * HOUR);
    // 03:45 (+13:45) = 14:00Z, the first instant after the change, is open.
    expect(isBusinessTime(chatham, at('2026-09-26T14:00:00Z'))).toBe(true);
  });

  it('moves from the short Sunday to Monday 09:00 (+13:45)', () => {
    // Monday 2026-09-28 09:00 (+13:45) = 2026-09-27T19:15Z. 3 h from Sunday's opening: 2 h Sunday + 1 h Monday.
    expect(iso(addBusinessTime(chatham, at('2026-09-26T13:15:00Z'), 3 * HOUR))).toBe('2026-09-27T20:15:00.000Z');
    expect(iso(nextBusinessTime(chatham, at('2026-09-26T15:15:00Z')))).toBe('2026-09-27T19:15:00.000Z');
    // Sunday 2 h + Monday 09:00–17:00 (+13:45) = 2026-09-27T19:15Z–2026-09-28T03:15Z, 8 h.
    expect(businessTimeBetween(chatham, at('2026-09-26T00:00:00Z'), at('2026-09-28T03:15:00Z'))).toBe(10 * HOUR);
    // Monday 2026-04-06 09:00 (+12:45) = 2026-04-05T20:15Z: 1 h before it, counting back, is Sunday 05:00 minus 1 h = 15:15Z.
    expect(iso(subtractBusinessTime(chatham, at('2026-04-05T20:15:00Z'), HOUR))).toBe('2026-04-04T15:15:00.000Z');
  });

  it('applies the gap and ambiguity rules to a 03:00 start', () => {
    const three = calendar({ timeZone: 'Pacific/Chatham', week: { sunday: [{ start: '03:00', end: '05:00' }] } });
    // April: 03:00 is ambiguous; earlier is +13:45 = 2026-04-04T13:15Z. 05:00 (+12:45) = 16:15Z.
    expect(spans(businessWindowsOn(three, '2026-04-05'))).toEqual([['2026-04-04T13:15:00.000Z', '2026-04-04T16:15:00.000Z']]);
    // September: 03:00 is skipped; read at +12:45 it is 2026-09-26T14:15Z (04:00 +13:45). 05:00 (+13:45) = 15:15Z.
    expect(spans(businessWindowsOn(three, '2026-09-27'))).toEqual([['2026-09-26T14:15:00.000Z', '2026-09-26T15:15:00.000Z']]);
  });
});

describe('Asia/Kathmandu (+05:45 all year, no DST)', () => {
  const kathmandu = calendar({
    timeZone: 'Asia/Kathmandu',
    week: {
      monday: [{ start: '09:00', end: '17:00' }],
      tuesday: [{ start: '09:00', end: '17:00' }],
      wednesday: [{ start: '09:00', end: '17:00' }],
      thursday: [{ start: '09:00', end: '17:00' }],
      friday: [{ start: '09:00', end: '17:00' }],
    },
  });

  it('puts 09:00–17:00 at 03:15Z–11:15Z in every season', () => {
    expect(spans(businessWindowsOn(kathmandu, '2026-11-23'))).toEqual([['2026-11-23T03:15:00.000Z', '2026-11-23T11:15:00.000Z']]);
    // Monday 2026-03-30, right after Europe's change, and Monday 2026-06-29 in the northern summer: the same offset.
    expect(spans(businessWindowsOn(kathmandu, '2026-03-30'))).toEqual([['2026-03-30T03:15:00.000Z', '2026-03-30T11:15:00.000Z']]);
    expect(spans(businessWindowsOn(kathmandu, '2026-06-29'))).toEqual([['2026-06-29T03:15:00.000Z', '2026-06-29T11:15:00.000Z']]);
  });

  it('adds, subtracts and measures on the 45-minute offset', () => {
    // From Monday 2026-11-23 00:00Z (05:45 local): 8 h Monday to 11:15Z, then 2 h on Tuesday from 03:15Z.
    expect(iso(addBusinessTime(kathmandu, at('2026-11-23T00:00:00Z'), 10 * HOUR))).toBe('2026-11-24T05:15:00.000Z');
    expect(businessTimeBetween(kathmandu, at('2026-11-23T03:15:00Z'), at('2026-11-27T11:15:00Z'))).toBe(40 * HOUR);
    // Friday's close (11:15Z) -> Monday 2026-11-30 09:00 local = 03:15Z.
    expect(iso(nextBusinessTime(kathmandu, at('2026-11-27T11:15:00Z')))).toBe('2026-11-30T03:15:00.000Z');
    // Monday 10:00 local (04:15Z) back 2 h: 1 h Monday, 1 h before Friday's 17:00 close = Friday 16:00 local = 10:15Z.
    expect(iso(subtractBusinessTime(kathmandu, at('2026-11-30T04:15:00Z'), 2 * HOUR))).toBe('2026-11-27T10:15:00.000Z');
    expect(isBusinessTime(kathmandu, at('2026-11-23T03:14:59.999Z'))).toBe(false);
    expect(isBusinessTime(kathmandu, at('2026-11-23T03:15:00Z'))).toBe(true);
  });
});

describe('America/Santiago (-04:00 standard, -03:00 summer; changes at midnight)', () => {
  // Spring: Sunday 2026-09-06 at 04:00Z, 00:00 (-04:00) -> 01:00 (-03:00). Local 00:00 does not exist that day.
  // Autumn: Sunday 2026-04-05 at 03:00Z, 00:00 (-03:00) -> Saturday 23:00 (-04:00). Saturday 23:00–24:00 happens twice.
  const santiago = calendar({
    timeZone: 'America/Santiago',
    week: { saturday: [{ start: '20:00', end: '24:00' }], sunday: [{ start: '00:00', end: '24:00' }] },
  });

  it('begins a 00:00 window at 01:00 local on the spring day, which is 23 h long', () => {
    // 00:00 is in the gap: read with -04:00 it is 04:00Z = 01:00 (-03:00). 24:00 = Monday 00:00 (-03:00) = 2026-09-07T03:00Z.
    expect(spans(businessWindowsOn(santiago, '2026-09-06'))).toEqual([['2026-09-06T04:00:00.000Z', '2026-09-07T03:00:00.000Z']]);
    expect(businessTimeOnDate(santiago, '2026-09-06')).toBe(23 * HOUR);
    expect(isBusinessTime(santiago, at('2026-09-06T04:00:00Z'))).toBe(true);
  });

  it('ends Saturday 20:00–24:00 in the gap, so it touches Sunday', () => {
    // 20:00 (-04:00) = 2026-09-06T00:00Z; 24:00 = Sunday 00:00, in the gap, read with -04:00 = 04:00Z -> 4 h.
    expect(spans(businessWindowsOn(santiago, '2026-09-05'))).toEqual([['2026-09-06T00:00:00.000Z', '2026-09-06T04:00:00.000Z']]);
    expect(businessTimeBetween(santiago, at('2026-09-05T00:00:00Z'), at('2026-09-08T00:00:00Z'))).toBe(27 * HOUR);
    expect(iso(nextBusinessTime(santiago, at('2026-09-05T23:00:00Z')))).toBe('2026-09-06T00:00:00.000Z');
    // Saturday and Sunday touch at 04:00Z, so 5 h from Saturday's opening runs straight on to 05:00Z.
    expect(iso(addBusinessTime(santiago, at('2026-09-06T00:00:00Z'), 5 * HOUR))).toBe('2026-09-06T05:00:00.000Z');
    expect(spans(businessWindowsBetween(santiago, at('2026-09-05T00:00:00Z'), at('2026-09-06T06:00:00Z')))).toEqual([
      ['2026-09-06T00:00:00.000Z', '2026-09-06T06:00:00.000Z'],
    ]);
  });

  it('makes Saturday 20:00–24:00 5 h long when its last hour repeats in April', () => {
    // 20:00 (-03:00) = 23:00Z; 24:00 = Sunday 00:00, which exists only at -04:00 = 2026-04-05T04:00Z -> 5 h.
    expect(spans(businessWindowsOn(santiago, '2026-04-04'))).toEqual([['2026-04-04T23:00:00.000Z', '2026-04-05T04:00:00.000Z']]);
    expect(businessTimeOnDate(santiago, '2026-04-04')).toBe(5 * HOUR);
    // Sunday 00:00–24:00 (-04:00) = 04:00Z to 2026-04-06T04:00Z: a plain 24 h.
    expect(businessTimeOnDate(santiago, '2026-04-05')).toBe(24 * HOUR);
    expect(iso(subtractBusinessTime(santiago, at('2026-04-05T04:00:00Z'), 5 * HOUR))).toBe('2026-04-04T23:00:00.000Z');
  });
});

describe('America/Havana (-05:00 standard, -04:00 summer; changes at midnight)', () => {
  // Spring: Sunday 2026-03-08 at 05:00Z, 00:00 (-05:00) -> 01:00 (-04:00). Local 00:00–01:00 does not exist.
  // Autumn: Sunday 2026-11-01 at 05:00Z, 01:00 (-04:00) -> 00:00 (-05:00). Local 00:00–01:00 happens twice.
  const havana = calendar({
    timeZone: 'America/Havana',
    week: { saturday: [{ start: '22:00', end: '02:00' }], sunday: [{ start: '00:00', end: '24:00' }] },
  });

  it('has a 23 h Sunday in March that opens at 01:00 local', () => {
    // 00:00 in the gap, read with -05:00: 05:00Z = 01:00 (-04:00). 24:00 = Monday 00:00 (-04:00) = 2026-03-09T04:00Z.
    expect(spans(businessWindowsOn(havana, '2026-03-08'))).toEqual([['2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z']]);
    expect(businessTimeOnDate(havana, '2026-03-08')).toBe(23 * HOUR);
    expect(iso(addBusinessTime(havana, at('2026-03-08T05:00:00Z'), 23 * HOUR))).toBe('2026-03-09T04:00:00.000Z');
  });

  it('runs the Saturday overnight window 22:00–02:00 for 3 h across the gap', () => {
    // 22:00 (-05:00) = 2026-03-08T03:00Z; Sunday 02:00 (-04:00) = 06:00Z -> 3 h; it overlaps Sunday's window from 05:00Z.
    expect(spans(businessWindowsOn(havana, '2026-03-07'))).toEqual([['2026-03-08T03:00:00.000Z', '2026-03-08T06:00:00.000Z']]);
    // Saturday 03:00Z–06:00Z and Sunday 05:00Z–Monday 04:00Z overlap by an hour: 3 + 23 - 1 = 25 h.
    expect(businessTimeBetween(havana, at('2026-03-07T12:00:00Z'), at('2026-03-09T12:00:00Z'))).toBe(25 * HOUR);
    expect(isBusinessTime(havana, at('2026-03-08T02:59:59.999Z'))).toBe(false);
    expect(isBusinessTime(havana, at('2026-03-08T04:59:59.999Z'))).toBe(true);
    expect(iso(nextBusinessTime(havana, at('2026-03-08T00:00:00Z')))).toBe('2026-03-08T03:00:00.000Z');
  });

  it('has a 25 h Sunday in November that opens at the first 00:00', () => {
    // 00:00 is ambiguous: the earlier reading, -04:00, is 04:00Z. 24:00 = Monday 00:00 (-05:00) = 2026-11-02T05:00Z.
    expect(spans(businessWindowsOn(havana, '2026-11-01'))).toEqual([['2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z']]);
    expect(businessTimeOnDate(havana, '2026-11-01')).toBe(25 * HOUR);
    expect(iso(subtractBusinessTime(havana, at('2026-11-02T05:00:00Z'), 25 * HOUR))).toBe('2026-11-01T04:00:00.000Z');
  });
});

describe('Pacific/Apia 2011-12-30 (a skipped calendar day)', () => {
  // Samoa went from -10:00 straight to +14:00 at 2011-12-30T10:00Z: Thursday 2011-12-29 24:00 was followed by
  // Saturday 2011-12-31 00:00. Every local time of Friday 2011-12-30 is in the gap, so it is read with -10:00,
  // which lands exactly 24 h later on the wall clock: Friday hh:mm (-10:00) is Saturday hh:mm (+14:00).
  const apia = calendar({
    timeZone: 'Pacific/Apia',
    week: {
      thursday: [{ start: '09:00', end: '17:00' }],
      friday: [{ start: '08:00', end: '12:00' }],
      saturday: [{ start: '10:00', end: '16:00' }],
    },
  });

  it('puts the skipped Friday\u2019s windows on Saturday\u2019s instants', () => {
    // Friday 08:00–12:00 (-10:00) = 2011-12-30T18:00Z–22:00Z, i.e. Saturday 08:00–12:00 (+14:00).
    expect(spans(businessWindowsOn(apia, '2011-12-30'))).toEqual([['2011-12-30T18:00:00.000Z', '2011-12-30T22:00:00.000Z']]);
    expect(businessTimeOnDate(apia, '2011-12-30')).toBe(4 * HOUR);
    // Saturday 10:00–16:00 (+14:00) = 2011-12-30T20:00Z–2011-12-31T02:00Z.
    expect(spans(businessWindowsOn(apia, '2011-12-31'))).toEqual([['2011-12-30T20:00:00.000Z', '2011-12-31T02:00:00.000Z']]);
    expect(businessTimeOnDate(apia, '2011-12-31')).toBe(6 * HOUR);
    // Thursday 09:00–17:00 (-10:00) = 2011-12-29T19:00Z–2011-12-30T03:00Z.
    expect(spans(businessWindowsOn(apia, '2011-12-29'))).toEqual([['2011-12-29T19:00:00.000Z', '2011-12-30T03:00:00.000Z']]);
  });

  it('counts the overlapping Friday and Saturday windows once', () => {
    // From Thursday 00:00 (-10:00) = 2011-12-29T10:00Z to Sunday 00:00 (+14:00) = 2011-12-31T10:00Z:
    // Thursday 8 h + the union 18:00Z–02:00Z of Friday (4 h) and Saturday (6 h) = 8 h, not 10 h -> 16 h.
    expect(businessTimeBetween(apia, at('2011-12-29T10:00:00Z'), at('2011-12-31T10:00:00Z'))).toBe(16 * HOUR);
    expect(spans(businessWindowsBetween(apia, at('2011-12-29T10:00:00Z'), at('2011-12-31T10:00:00Z')))).toEqual([
      ['2011-12-29T19:00:00.000Z', '2011-12-30T03:00:00.000Z'],
      ['2011-12-30T18:00:00.000Z', '2011-12-31T02:00:00.000Z'],
    ]);
  });

  it('adds and subtracts over the skipped day', () => {
    // Thursday's close (03:00Z) + 5 h: next opening 18:00Z, then 5 h of the merged window -> 23:00Z.
    expect(iso(addBusinessTime(apia, at('2011-12-30T03:00:00Z'), 5 * HOUR))).toBe('2011-12-30T23:00:00.000Z');
    expect(iso(nextBusinessTime(apia, at('2011-12-30T03:00:00Z')))).toBe('2011-12-30T18:00:00.000Z');
    // From Saturday's close (02:00Z) back 9 h: the 8 h merged window, then 1 h before Thursday's close -> 02:00Z.
    expect(iso(subtractBusinessTime(apia, at('2011-12-31T02:00:00Z'), 9 * HOUR))).toBe('2011-12-30T02:00:00.000Z');
    expect(isBusinessTime(apia, at('2011-12-30T21:00:00Z'))).toBe(true);
    expect(isBusinessTime(apia, at('2011-12-30T10:00:00Z'))).toBe(false);
  });
});
