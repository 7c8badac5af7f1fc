import { addBusinessTime, businessTimeBetween, defineCalendar, type BusinessCalendarDefinition } from '../src/calendar/index';
import type { CalendarPeer } from './calendar-peer';

/** itsm-kit itself, through its public functions, with the calendar compiled once. */
export function itsmKitPeer(definition: BusinessCalendarDefinition): CalendarPeer {
  const calendar = defineCalendar(definition);
  return {
    name: 'itsm-kit',
    limits: 'none: IANA zone Europe/Berlin, holidays as dates',
    add: (from, durationMs) => addBusinessTime(calendar, from, durationMs).getTime(),
    between: (from, to) => businessTimeBetween(calendar, from, to),
    addMany(starts, durationMs, first, count) {
      const mask = starts.length - 1;
      let sum = 0;
      for (let k = 0; k < count; k++) sum += addBusinessTime(calendar, starts[(first + k) & mask]!, durationMs).getTime();
      return sum;
    },
    betweenMany(starts, ends, first, count) {
      const mask = starts.length - 1;
      let sum = 0;
      for (let k = 0; k < count; k++) {
        const i = (first + k) & mask;
        sum += businessTimeBetween(calendar, starts[i]!, ends[i]!);
      }
      return sum;
    },
  };
}
