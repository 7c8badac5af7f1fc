import { listEntries } from '../core/list-entries';
import { z } from 'zod';
import { parseWith } from '../core/from-zod';
import { TenantId } from '../core/record-fields.schema';
import { listArgument, optionsSnapshot, readArgument, unreadableIssue } from '../core/unreadable-argument';
import { issue, ValidationError, type ValidationIssue } from '../core/validation-error';
import type { SlaScanResult } from './process-due-sla';

/** The part of the service a timer drives: the breach scan. */
export interface SlaScanner {
  processDueSla(tenantId: string): Promise<SlaScanResult>;
}

/** Options of {@link startSlaTimer}. */
export interface SlaTimerOptions {
  /**
   * The tenants to scan: a list, or a function asked at the start of every round, for hosts
   * whose tenants come and go.
   */
  readonly tenants: readonly string[] | (() => readonly string[] | Promise<readonly string[]>);
  /** The pause between the end of one round and the start of the next: 1,000 ms at least; 60,000 by default. */
  readonly intervalMs?: number;
  /** Told each tenant's scan result, announcements or not; a failure here is handed to `onError`. */
  readonly onScan?: (tenantId: string, result: SlaScanResult) => void | Promise<void>;
  /**
   * Told of a failure — a tenant's scan, `onScan`, or the `tenants` function (`tenantId` is then
   * undefined). The timer goes on with the next tenant and the next round. `console.error` by default.
   */
  readonly onError?: (error: unknown, tenantId: string | undefined) => void;
}

/** A running breach-scan timer, from {@link startSlaTimer}. */
export interface SlaTimer {
  /** Runs a round as soon as the one under way, if any, has finished, and settles when it has run. */
  runNow(): Promise<void>;
  /**
   * Stops the timer: no round starts after it. Settles when a round under way has finished, so a
   * host can close its store after it.
   */
  stop(): Promise<void>;
  /** Whether the timer has not been stopped. */
  readonly active: boolean;
}

const Interval = z.int().min(1000).max(2_147_483_647);

const reportToConsole = (error: unknown, tenantId: string | undefined): void => {
  console.error(`itsm-kit: SLA scan failed${tenantId === undefined ? '' : ` for tenant ${tenantId}`}`, error);
};

interface CheckedOptions extends Required<Omit<SlaTimerOptions, 'onScan'>> {
  readonly onScan: SlaTimerOptions['onScan'] | undefined;
}

/**
 * The tenants option: a function as it is, or a list copied by index as it is checked (a hole
 * as undefined), so the copy is what runs and a later change to the caller's array is not read
 * (a host whose tenants come and go gives a function).
 */
function tenantsOption(value: unknown, issues: ValidationIssue[]): SlaTimerOptions['tenants'] {
  if (typeof value === 'function') return value as SlaTimerOptions['tenants'];
  let listed: unknown[];
  try {
    if (!Array.isArray(value)) {
      issues.push(issue(['tenants'], 'must be a list of tenant ids or a function returning one'));
      return [];
    }
    listed = listEntries(value as unknown[]);
  } catch (cause) {
    issues.push(unreadableIssue(['tenants'], cause));
    return [];
  }
  for (let index = 0; index < listed.length; index++) {
    if (!parseWith(TenantId, listed[index], 'options').success) issues.push(issue(['tenants', index], 'must be a tenant id'));
  }
  return Object.freeze(listed) as readonly string[];
}

const TIMER_OPTIONS: readonly string[] = ['tenants', 'intervalMs', 'onScan', 'onError'];

function checkOptions(options: unknown): CheckedOptions {
  if (typeof options !== 'object' || options === null) throw new ValidationError([issue([], 'must be an object with at least tenants')], 'options');
  // Read once, into a plain copy: options that throw when read are bad input like any other.
  const given = optionsSnapshot(options as Partial<SlaTimerOptions>, ['options'], TIMER_OPTIONS);
  const issues: ValidationIssue[] = [];
  // A misspelt option (`intervalMS`) would otherwise leave the default in force unnoticed.
  for (const key of Object.keys(given)) if (!TIMER_OPTIONS.includes(key)) issues.push(issue([key], 'is not an option of startSlaTimer: tenants, intervalMs, onScan, onError'));
  const tenants = tenantsOption(given.tenants, issues);
  const intervalMs = given.intervalMs ?? 60_000;
  if (!Interval.safeParse(intervalMs).success) issues.push(issue(['intervalMs'], 'must be a whole number of milliseconds from 1000 to 2147483647', intervalMs));
  for (const hook of ['onScan', 'onError'] as const) {
    if (given[hook] !== undefined && typeof given[hook] !== 'function') issues.push(issue([hook], 'must be a function'));
  }
  if (issues.length > 0) throw new ValidationError(issues, 'options');
  return { tenants, intervalMs, onScan: given.onScan, onError: given.onError ?? reportToConsole };
}

/**
 * Runs the breach scan of {@link Itsm.processDueSla} in this process: a round scans each tenant
 * in turn, and the next round starts `intervalMs` after the last one ended, so two scans never
 * overlap. For a host on one node; on several, schedule the scan with a job queue on the shared
 * database instead (the scan is idempotent, so an occasional double run is harmless).
 *
 * The first round runs at once. A failing tenant does not stop the others: its error goes to
 * `onError` and the next round tries again.
 *
 * @param itsm - the service, or anything with its `processDueSla`
 * @param options - the tenants, the interval and the hooks
 * @returns the timer, to stop when the host shuts down
 * @throws {@link ValidationError} naming every bad option
 *
 * @example
 * ```ts
 * const timer = startSlaTimer(itsm, {
 *   tenants: ['acme', 'globex'],
 *   intervalMs: 60_000,
 *   onScan: (tenant, { events }) => events.forEach((event) => log.info(tenant, event.type, event.number)),
 * });
 * process.on('SIGTERM', async () => { await timer.stop(); await pool.end(); });
 * ```
 */
export function startSlaTimer(itsm: SlaScanner, options: SlaTimerOptions): SlaTimer {
  if (typeof itsm !== 'object' || itsm === null || typeof readArgument(['itsm'], () => (itsm as Partial<SlaScanner>).processDueSla) !== 'function') {
    throw new ValidationError([issue(['itsm'], 'must be the service from createItsm()')], 'argument');
  }
  const { tenants, intervalMs, onScan, onError } = checkOptions(options);
  let active = true;
  let pending: ReturnType<typeof setTimeout> | undefined;
  // The round under way (or the last one): rounds are chained on it so they never overlap.
  let round: Promise<void> = Promise.resolve();

  const report = (error: unknown, tenantId: string | undefined): void => {
    try {
      onError(error, tenantId);
    } catch {
      // A failing error hook must not stop the timer; there is nowhere left to report to.
    }
  };
  const scanAll = async (): Promise<void> => {
    let list: readonly unknown[];
    try {
      if (typeof tenants !== 'function') list = tenants;
      else {
        // What the function answers is checked each round as the list is at the start: one
        // that is no list is reported, and the timer goes on.
        const answered: unknown = await tenants();
        const copied = listArgument(answered, ['tenants']);
        if (copied === undefined) throw new ValidationError([issue(['tenants'], 'must return a list of tenant ids')], 'options');
        list = copied;
      }
    } catch (error) {
      report(error, undefined);
      return;
    }
    for (const tenantId of list) {
      if (!active) return;
      try {
        const result = await itsm.processDueSla(tenantId as string);
        if (onScan !== undefined) await onScan(tenantId as string, result);
      } catch (error) {
        report(error, typeof tenantId === 'string' ? tenantId : undefined);
      }
    }
  };
  const schedule = (): void => {
    if (active) pending = setTimeout(() => void run(), intervalMs);
  };
  const run = (): Promise<void> => {
    clearTimeout(pending);
    pending = undefined;
    round = round.then(async () => {
      if (!active) return;
      // A round asked for by runNow while another ran replaces the one the other scheduled.
      clearTimeout(pending);
      await scanAll();
      schedule();
    });
    return round;
  };

  void run();
  return {
    runNow: run,
    stop: async () => {
      active = false;
      clearTimeout(pending);
      pending = undefined;
      await round;
    },
    get active() {
      return active;
    },
  };
}
