import { z } from 'zod';
import type { BusinessCalendar } from '../calendar/business-calendar';
import { parseWith } from '../core/from-zod';
import type { Instant, RecordId } from '../core/record-fields.schema';
import type { SafeResult } from '../core/safe-result';
import { issue, ValidationError, type ValidationIssue } from '../core/validation-error';
import { serviceAvailability, type ServiceAvailability } from '../sla/service-availability';
import { runImpactAnalysis } from './analyze-impact';
import { CiOutage } from './ci-outage.schema';
import { caughtAsError } from './cmdb-arguments';
import { compiledGraph, type CmdbGraph } from './cmdb-graph';

/** A time a business service was down because of the outages of the items it depends on. */
export interface BusinessServiceOutage {
  readonly start: Instant;
  /** Absent while the outage goes on. */
  readonly end?: Instant;
  /** The down items that explain it: for each stretch of the outage, one down item the impact came from. */
  readonly causes: readonly RecordId[];
}

/** A service's availability from its items' outages, and the service outages it was computed from. */
export interface BusinessServiceAvailability extends ServiceAvailability {
  readonly outages: readonly BusinessServiceOutage[];
}

const Outages = z.array(CiOutage).max(1_000_000);

/**
 * The outages of a service (typically a business service) implied by the outages of
 * configuration items: at each moment, the items down then are analysed upstream with
 * `analyzeImpact` — redundancy included, so one node of a two-node cluster down costs nothing —
 * and the service is down while it is down itself or impacted. Adjacent stretches are merged.
 * Only outages of items the service depends on are looked at; the cost is one analysis per
 * distinct start or end among them.
 *
 * @param graph - from `buildCmdbGraph`
 * @param outages - the items' outages, e.g. from incidents that took an item down
 * @param serviceId - the service (any item of the graph)
 * @returns the service's outages in time order, each with the items that caused it
 * @throws {@link ValidationError} naming the path of any bad input
 *
 * @example
 * ```ts
 * serviceOutagesFromCiOutages(graph, [
 *   { ciId: 'web-1', start: '2026-11-23T10:00:00.000Z', end: '2026-11-23T12:00:00.000Z' },
 *   { ciId: 'web-2', start: '2026-11-23T11:00:00.000Z', end: '2026-11-23T11:30:00.000Z' },
 * ], 'shop');
 * // => [{ start: '2026-11-23T11:00:00.000Z', end: '2026-11-23T11:30:00.000Z', causes: ['web-2'] }]
 * ```
 */
export function serviceOutagesFromCiOutages(graph: CmdbGraph, outages: readonly CiOutage[], serviceId: RecordId): BusinessServiceOutage[] {
  const result = safeServiceOutagesFromCiOutages(graph, outages, serviceId);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * Like {@link serviceOutagesFromCiOutages}, but returns the error instead of throwing it, and
 * takes `unknown`.
 *
 * @param graph - from `buildCmdbGraph`
 * @param outages - anything; an array of `{ ciId, start, end? }`
 * @param serviceId - anything; an item id of the graph
 * @returns `{ success: true, data }` or `{ success: false, error }`
 *
 * @example
 * ```ts
 * const result = safeServiceOutagesFromCiOutages(graph, outagesFromIncidents, 'shop');
 * if (result.success) chart(result.data);
 * ```
 */
export function safeServiceOutagesFromCiOutages(graph: CmdbGraph, outages: unknown, serviceId: unknown): SafeResult<BusinessServiceOutage[], ValidationError> {
  try {
    return { success: true, data: serviceOutages(graph, outages, serviceId) };
  } catch (error) {
    return { success: false, error: caughtAsError(error, 'argument') };
  }
}

/**
 * A service's availability over a period from the outages of configuration items: the
 * service's outages from {@link serviceOutagesFromCiOutages}, counted on its service-hours
 * calendar by the SLA module's `serviceAvailability`.
 *
 * @param graph - from `buildCmdbGraph`
 * @param outages - the items' outages
 * @param serviceId - the service; its `serviceCalendarId` names the calendar the host passes
 * @param calendar - the service's hours, from `defineCalendar`
 * @param period - `from` (inclusive) to `to` (exclusive)
 * @returns scheduled and down business time, the availability in percent, and the service outages
 * @throws {@link ValidationError} naming the path of any bad input
 *
 * @example
 * ```ts
 * const { availabilityPercent } = businessServiceAvailability(graph, outages, 'shop', officeHours,
 *   { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' });
 * ```
 */
export function businessServiceAvailability(
  graph: CmdbGraph,
  outages: readonly CiOutage[],
  serviceId: RecordId,
  calendar: BusinessCalendar,
  period: { readonly from: Date | string; readonly to: Date | string },
): BusinessServiceAvailability {
  const result = safeBusinessServiceAvailability(graph, outages, serviceId, calendar, period);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * Like {@link businessServiceAvailability}, but returns the error instead of throwing it, and
 * takes `unknown`.
 *
 * @param graph - from `buildCmdbGraph`
 * @param outages - anything; an array of `{ ciId, start, end? }`
 * @param serviceId - anything; an item id of the graph
 * @param calendar - anything; a calendar from `defineCalendar`
 * @param period - anything; `{ from, to }`
 * @returns `{ success: true, data }` or `{ success: false, error }`
 *
 * @example
 * ```ts
 * const result = safeBusinessServiceAvailability(graph, outages, 'shop', officeHours, month);
 * if (result.success) report(result.data.availabilityPercent);
 * ```
 */
export function safeBusinessServiceAvailability(
  graph: CmdbGraph,
  outages: unknown,
  serviceId: unknown,
  calendar: unknown,
  period: unknown,
): SafeResult<BusinessServiceAvailability, ValidationError> {
  try {
    const serviceOutagesFound = serviceOutages(graph, outages, serviceId);
    const availability = serviceAvailability(serviceOutagesFound, calendar as BusinessCalendar, period as { from: string; to: string });
    return { success: true, data: { ...availability, outages: serviceOutagesFound } };
  } catch (error) {
    return { success: false, error: caughtAsError(error, 'argument') };
  }
}

function serviceOutages(graph: CmdbGraph, outages: unknown, serviceId: unknown): BusinessServiceOutage[] {
  const compiled = compiledGraph(graph);
  if (typeof serviceId !== 'string' || !compiled.indexOf.has(serviceId)) throw new ValidationError([issue(['serviceId'], 'is not an item of the graph', serviceId)], 'argument');
  const service = serviceId;
  const parsed = parseWith(Outages, outages, 'CI outages');
  if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => ({ ...i, path: ['outages', ...i.path] })), 'argument');
  const unknown: ValidationIssue[] = [];
  parsed.data.forEach((outage, index) => {
    if (!compiled.indexOf.has(outage.ciId) && unknown.length < 100) unknown.push(issue(['outages', index, 'ciId'], 'is not an item of the graph', outage.ciId));
  });
  if (unknown.length > 0) throw new ValidationError(unknown, 'argument');

  // Only items the service depends on can take it down; the rest need no analysis.
  const serviceIndex = compiled.indexOf.get(service)!;
  const relevant = new Set([service]);
  // Only the ids are wanted: collect them and report nothing, so no result or path is built.
  runImpactAnalysis(compiled, [serviceIndex], 'downstream', (i) => {
    relevant.add(compiled.items[i]!.id);
    return false;
  });
  const changes: { at: number; ciId: string; delta: 1 | -1 }[] = [];
  for (const outage of parsed.data) {
    if (!relevant.has(outage.ciId)) continue;
    changes.push({ at: Date.parse(outage.start), ciId: outage.ciId, delta: 1 });
    changes.push({ at: outage.end === undefined ? Infinity : Date.parse(outage.end), ciId: outage.ciId, delta: -1 });
  }
  changes.sort((a, b) => a.at - b.at);

  const down = new Map<string, number>();
  const result: { start: number; end: number; causes: Set<string> }[] = [];
  for (let k = 0; k < changes.length; ) {
    const at = changes[k]!.at;
    // Overlapping outages of one item keep it down until the last of them ends.
    for (; k < changes.length && changes[k]!.at === at; k++) {
      const { ciId, delta } = changes[k]!;
      const count = (down.get(ciId) ?? 0) + delta;
      if (count === 0) down.delete(ciId);
      else down.set(ciId, count);
    }
    const next = k < changes.length ? changes[k]!.at : Infinity;
    if (down.size === 0 || next === at) continue;
    const start = [...down.keys()].map((id) => compiled.indexOf.get(id)!);
    const cause = down.has(service) ? service : runImpactAnalysis(compiled, start, 'upstream', (i) => i === serviceIndex).impacts[0]?.origin;
    if (cause === undefined) continue;
    const last = result.at(-1);
    if (last !== undefined && last.end === at) {
      last.end = next;
      last.causes.add(cause);
    } else result.push({ start: at, end: next, causes: new Set([cause]) });
  }
  return result.map(({ start, end, causes }) => {
    const base = { start: new Date(start).toISOString(), causes: [...causes] };
    return end === Infinity ? base : { ...base, end: new Date(end).toISOString() };
  });
}
