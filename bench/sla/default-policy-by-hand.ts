// The default incident policy written out by hand: the floor the SLA benches hold the engine to.
import { businessMsBetween } from '../../src/calendar/business-time-between';
import type { CalendarIndex } from '../../src/calendar/calendar-index';
import { parseInstantText } from '../../src/calendar/instant-text';

const OPEN: readonly unknown[] = ['new', 'in_progress', 'on_hold'];

/**
 * `DEFAULT_INCIDENT_SLA_POLICY` written out by hand for one calendar: the same elapsed and
 * paused time as the engine (the SLA bench checks it on every history it checks), with none of
 * the engine's generality and no output but four numbers — response elapsed and paused, then
 * resolution elapsed and paused. One plain implementation, not a proven minimum. Response: from
 * opening (retroactive) while open and never reopened, met at the first response or
 * resolution; resolution: from opening, paused on hold, met at resolution, resumed on reopen
 * without counting the time it was met; both cancelled on cancel.
 */
export function defaultPolicyByHand(deskIndex: CalendarIndex, versions: readonly { readonly at: Date | string; readonly record: Readonly<Record<string, unknown>> }[], now: string): number[] {
  let responseOpen = false;
  let responseOwed = true;
  let responseFrom = 0;
  let responseMs = 0;
  let resolutionOpen = false;
  let resolutionMet = false;
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
    if (responseOpen) {
      responseMs += businessMsBetween(deskIndex, responseFrom, at);
      responseFrom = at;
      if (state === 'canceled' || record['firstRespondedAt'] !== undefined || state === 'resolved' || state === 'closed') responseOpen = false;
    } else if (responseOwed && counts && OPEN.includes(state) && record['reopenCount'] === 0 && record['firstRespondedAt'] === undefined) {
      responseOpen = true;
      responseOwed = false;
      responseFrom = Math.min(parseInstantText(record['openedAt'] as string), at);
      responseMs += businessMsBetween(deskIndex, responseFrom, at);
      responseFrom = at;
    }
    if (resolutionOpen) {
      const ms = businessMsBetween(deskIndex, resolutionFrom, at);
      if (resolutionPaused) pausedMs += ms;
      else resolutionMs += ms;
      resolutionFrom = at;
      if (state === 'canceled' || state === 'resolved' || state === 'closed') {
        resolutionOpen = false;
        resolutionMet = state !== 'canceled';
      }
    } else if (counts && OPEN.includes(state) && (resolutionMet || resolutionFrom === 0)) {
      resolutionOpen = true;
      if (!resolutionMet) {
        resolutionFrom = Math.min(parseInstantText(record['openedAt'] as string), at);
        resolutionMs += businessMsBetween(deskIndex, resolutionFrom, at);
      }
      resolutionMet = false;
      resolutionFrom = at;
    }
    resolutionPaused = state === 'on_hold';
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
