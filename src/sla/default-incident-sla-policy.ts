import { defineSlaPolicy, type SlaPolicy } from './sla-policy';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const OPEN = ['new', 'in_progress', 'on_hold'];

/**
 * A common ITIL policy for incidents on the default priority matrix (P1–P5), on one calendar
 * with id `service_desk`:
 *
 * - `response`: from opening until the service desk first responds (`firstRespondedAt`) or the
 *   incident ends — P1 15 min, P2 30 min, P3 2 h, P4 8 h, P5 24 h of business time; owed once,
 *   so a reopen starts no new response clock;
 * - `resolution`: from opening until resolved, paused while on hold, resumed (not restarted) when
 *   reopened — P1 4 h, P2 8 h, P3 24 h, P4 72 h, P5 120 h.
 *
 * Both are cancelled when the incident is canceled, and count from `openedAt`. Use it as it
 * is, or start from its `definition` to make your own.
 *
 * @example
 * ```ts
 * const evaluation = evaluateSla(DEFAULT_INCIDENT_SLA_POLICY, history, { calendars: { service_desk: desk }, now });
 * ```
 */
export const DEFAULT_INCIDENT_SLA_POLICY: SlaPolicy = defineSlaPolicy({
  id: 'default-incident',
  name: 'Incident response and resolution (ITIL, P1–P5)',
  targets: [
    {
      id: 'response',
      metric: 'response',
      calendar: 'service_desk',
      duration: { byPriority: { '1': 15 * MINUTE, '2': 30 * MINUTE, '3': 2 * HOUR, '4': 8 * HOUR, '5': 24 * HOUR } },
      // Responding is owed once: a reopened incident (reopenCount > 0) starts no new response clock.
      start: { all: [{ field: 'state', in: OPEN }, { field: 'reopenCount', eq: 0 }] },
      stop: { any: [{ field: 'firstRespondedAt', exists: true }, { field: 'state', in: ['resolved', 'closed'] }] },
      cancel: { field: 'state', eq: 'canceled' },
      retroactiveStart: 'openedAt',
    },
    {
      id: 'resolution',
      metric: 'resolution',
      calendar: 'service_desk',
      duration: { byPriority: { '1': 4 * HOUR, '2': 8 * HOUR, '3': 24 * HOUR, '4': 72 * HOUR, '5': 120 * HOUR } },
      start: { field: 'state', in: OPEN },
      pause: { field: 'state', eq: 'on_hold' },
      stop: { field: 'state', in: ['resolved', 'closed'] },
      cancel: { field: 'state', eq: 'canceled' },
      onReopen: 'resume',
      retroactiveStart: 'openedAt',
    },
  ],
});
