/**
 * Running a computation under another process time zone, for the law that SLA results do not
 * depend on it.
 *
 * Node reads `TZ` afresh when `process.env.TZ` is assigned on the main thread of a process, and
 * from then on `Date`'s local-time methods and `Intl`'s default zone follow it. A worker thread
 * cannot change it (its `process.env` is its own copy), so the switch is checked against the
 * offsets `Intl` gives for the zone and refused loudly rather than passing unnoticed.
 * @internal
 */

/** Two instants in opposite seasons, so that a zone with daylight saving time shows either offset. */
const PROBES = [Date.UTC(2026, 0, 15, 12), Date.UTC(2026, 6, 15, 12)];

/**
 * Runs `run` with the process time zone set to `timeZone`, and restores the zone before
 * returning or throwing. Synchronous on purpose: nothing else of this thread runs while the zone
 * is switched.
 * @internal
 */
export function withProcessTimeZone<T>(timeZone: string, run: () => T): T {
  const env = process.env;
  const before = env.TZ;
  env.TZ = timeZone;
  try {
    for (const probe of PROBES) {
      const local = -new Date(probe).getTimezoneOffset() * 60_000;
      const wanted = offsetIn(timeZone, probe);
      if (local !== wanted) {
        throw new Error(
          `could not switch the process time zone to ${timeZone} (local time is still ${formatOffset(local)} at ${new Date(probe).toISOString()}, not ${formatOffset(wanted)}). ` +
            'Node changes it only on the main thread of a process: run this law there (vitest: pool "forks", the default), or leave it out with the option `laws`.',
        );
      }
    }
    return run();
  } finally {
    if (before === undefined) delete env.TZ;
    else env.TZ = before;
  }
}

/** The zone's UTC offset at an instant, in ms, by `Intl` with the zone named: independent of the process zone. */
function offsetIn(timeZone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(instant);
  const field = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((part) => part.type === type)?.value);
  return Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second')) - instant;
}

function formatOffset(ms: number): string {
  const minutes = Math.abs(ms) / 60_000;
  return `${ms < 0 ? '-' : '+'}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
