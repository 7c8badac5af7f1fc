// The default incident policy written out by hand: the floor the SLA benches hold the engine to.
import { businessMsBetween } from '../../src/calendar/business-time-between';
import type { CalendarIndex } from '../../src/calendar/calendar-index';
import { parseInstantText } from '../../src/calendar/instant-text';

const OPEN: readonly unknown[] = ['new', 'in_progress', 'on_hold'];

/**
 * `DEFAULT_INCIDENT_SLA_POLICY` written out by hand for one calendar: the same elapsed and
 * paused time as the engine (the SLA bench checks it on every history it checks), with none of
 * the engine's generality and no output but four numbers — response elapsed and paused, then
 * resolution elapsed and paused. One plain implementation, not a proven minimum; like the
 * engine, it asks the calendar only where a clock turns or ends. Response: from opening
 * (retroactive) while open and never reopened, met at the first response or resolution;
 * resolution: from opening, paused on hold, met at resolution, resumed on reopen without
 * counting the time it was met; both cancelled on cancel.
 */
export function defaultPolicyByHand(deskIndex: CalendarIndex, versions: readonly { readonly at: Date | string; readonly record: Readonly<Record<string, unknown>> }[], now: string): number[] {
  let responseOpen = false;
  let responseOwed = true;
  let responseFrom = 0;
  let responseMs = 0;
  let resolutionOpen = false;
  let resolutionMet = false;
  let resolutionStarted = false;
  let resolutionFrom = 0;
  let resolutionPaused = false;
  let resolutionMs = 0;
  let pausedMs = 0;
  for (let v = 0; v < versions.length; v++) {
    const version = versions[v]!;
    const at = parseInstantText(version.at as string);
    const record = version.record;
    const state = record['state'];
    const counts = typeof record['priority'] === 'number';
    const paused = state === 'on_hold';
    if (responseOpen) {
      if (state === 'canceled' || record['firstRespondedAt'] !== undefined || state === 'resolved' || state === 'closed') {
        responseMs += businessMsBetween(deskIndex, responseFrom, at);
        responseOpen = false;
      }
    } else if (responseOwed && counts && OPEN.includes(state) && record['reopenCount'] === 0 && record['firstRespondedAt'] === undefined) {
      responseOpen = true;
      responseOwed = false;
      responseFrom = Math.min(parseInstantText(record['openedAt'] as string), at);
    }
    if (resolutionOpen) {
      const ends = state === 'canceled' || state === 'resolved' || state === 'closed';
      if (ends || paused !== resolutionPaused) {
        const ms = businessMsBetween(deskIndex, resolutionFrom, at);
        if (resolutionPaused) pausedMs += ms;
        else resolutionMs += ms;
        resolutionFrom = at;
      }
      if (ends) {
        resolutionOpen = false;
        resolutionMet = state !== 'canceled';
      }
    } else if (counts && OPEN.includes(state) && (resolutionMet || !resolutionStarted)) {
      resolutionOpen = true;
      resolutionFrom = at;
      if (!resolutionStarted) {
        // The stretch from opening runs; it goes on, or is counted here if the clock starts paused.
        resolutionFrom = Math.min(parseInstantText(record['openedAt'] as string), at);
        if (paused) {
          resolutionMs += businessMsBetween(deskIndex, resolutionFrom, at);
          resolutionFrom = at;
        }
      }
      resolutionStarted = true;
      resolutionMet = false;
    }
    resolutionPaused = paused;
  }
  const end = parseInstantText(now);
  if (responseOpen) responseMs += businessMsBetween(deskIndex, responseFrom, end);
  if (resolutionOpen) {
    const ms = businessMsBetween(deskIndex, resolutionFrom, end);
    if (resolutionPaused) pausedMs += ms;
    else resolutionMs += ms;
  }
  return [responseMs, 0, resolutionMs, pausedMs];
}
