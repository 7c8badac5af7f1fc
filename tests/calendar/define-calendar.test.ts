import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  businessTimeBetween,
  businessTimeOnDate,
  businessWindowsBetween,
  businessWindowsOn,
  defineCalendar,
  isBusinessTime,
  ItsmError,
  nextBusinessTime,
  safeDefineCalendar,
  subtractBusinessTime,
  ValidationError,
  type BusinessCalendar,
  type BusinessCalendarDefinition,
  type IssuePath,
} from '../../src/calendar/index';
import { thrown } from './support';

const monday = [{ start: '09:00', end: '17:00' }];
const valid = { timeZone: 'Europe/Berlin', week: { monday } };

/** The validation error safeDefineCalendar reports for `input`; fails the test if it accepts it. */
function rejection(input: unknown): ValidationError {
  const result = safeDefineCalendar(input);
  if (result.success) throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
  return result.error;
}

const paths = (error: ValidationError): IssuePath[] => error.issues.map((issue) => issue.path);


describe('defineCalendar accepts', () => {
  it.each([
    ['a minimal definition', valid],
    ['an empty week (always closed)', { timeZone: 'UTC', week: {} }],
    ['all seven weekdays', { timeZone: 'UTC', week: { monday, tuesday: monday, wednesday: monday, thursday: monday, friday: monday, saturday: monday, sunday: monday } }],
    ['seconds and 24:00 ends', { timeZone: 'UTC', week: { monday: [{ start: '00:00:01', end: '24:00' }, { start: '12:00', end: '24:00:00' }] } }],
    ['the first and last dates of the horizon', { timeZone: 'UTC', week: {}, holidays: [{ date: '1900-01-01' }, { date: '2199-12-31', name: 'Last' }] }],
    ['a leap day', { timeZone: 'UTC', week: {}, holidays: [{ date: '2028-02-29' }] }],
    ['an empty holiday list', { timeZone: 'UTC', week: {}, holidays: [] }],
  ])('%s', (_name, definition) => {
    const result = safeDefineCalendar(definition);
    expect(result.success).toBe(true);
    expect(() => defineCalendar(definition as BusinessCalendarDefinition)).not.toThrow();
  });
});

describe('a calendar made from another', () => {
  it('takes the read-only definition of another calendar as it is, without a copy or a cast', () => {
    const berlin = defineCalendar({ timeZone: 'Europe/Berlin', week: { monday }, holidays: [{ date: '2026-12-25', name: 'Christmas Day' }] });
    // `definition` is deeply read-only; the type of defineCalendar's argument accepts it.
    const again = defineCalendar(berlin.definition);
    expect(again.definition).toEqual(berlin.definition);
    const edited = defineCalendar({ ...berlin.definition, holidays: [...(berlin.definition.holidays ?? []), { date: '2026-12-26' }] });
    expect(edited.definition.holidays).toHaveLength(2);
  });
});

describe('defineCalendar rejects', () => {
  it.each<[string, unknown, IssuePath]>([
    ['a misspelt weekday', { timeZone: 'UTC', week: { mondy: monday } }, ['week', 'mondy']],
    ['an unknown top-level key', { ...valid, holiday: [] }, ['holiday']],
    ['a "__proto__" key from parsed JSON', JSON.parse('{"timeZone":"UTC","week":{"__proto__":[]}}') as unknown, ['week', '__proto__']],
    ['an unknown key in a window', { timeZone: 'UTC', week: { monday: [{ start: '09:00', end: '17:00', until: '18:00' }] } }, ['week', 'monday', 0, 'until']],
    ['an unknown key in a holiday', { ...valid, holidays: [{ date: '2026-12-25', closed: true }] }, ['holidays', 0, 'closed']],
    ['a start of 25:00', { timeZone: 'UTC', week: { monday: [{ start: '25:00', end: '26:00' }] } }, ['week', 'monday', 0, 'start']],
    ['a start of 9:00 (one-digit hour)', { timeZone: 'UTC', week: { monday: [{ start: '9:00', end: '17:00' }] } }, ['week', 'monday', 0, 'start']],
    ['a start of 12:60', { timeZone: 'UTC', week: { monday: [{ start: '12:60', end: '17:00' }] } }, ['week', 'monday', 0, 'start']],
    ['24:00 as a start', { timeZone: 'UTC', week: { monday: [{ start: '24:00', end: '17:00' }] } }, ['week', 'monday', 0, 'start']],
    ['an end of 24:30', { timeZone: 'UTC', week: { monday: [{ start: '09:00', end: '24:30' }] } }, ['week', 'monday', 0, 'end']],
    ['an end of 24:00:01', { timeZone: 'UTC', week: { monday: [{ start: '09:00', end: '24:00:01' }] } }, ['week', 'monday', 0, 'end']],
    ['seconds of 60', { timeZone: 'UTC', week: { monday: [{ start: '09:00:60', end: '17:00' }] } }, ['week', 'monday', 0, 'start']],
    ['a time with surrounding space', { timeZone: 'UTC', week: { monday: [{ start: ' 09:00', end: '17:00' }] } }, ['week', 'monday', 0, 'start']],
    ['a bad time in the second window of Friday', { timeZone: 'UTC', week: { friday: [monday[0], { start: '13:00', end: '1700' }] } }, ['week', 'friday', 1, 'end']],
    ['a bad time in holiday hours', { ...valid, holidays: [{ date: '2026-12-24', hours: [{ start: '09:00', end: '12:61' }] }] }, ['holidays', 0, 'hours', 0, 'end']],
    ['a missing end', { timeZone: 'UTC', week: { monday: [{ start: '09:00' }] } }, ['week', 'monday', 0, 'end']],
    ['a time as a number', { timeZone: 'UTC', week: { monday: [{ start: 900, end: '17:00' }] } }, ['week', 'monday', 0, 'start']],
    ['an unknown IANA zone', { ...valid, timeZone: 'Mars/Olympus' }, ['timeZone']],
    ['an offset instead of a zone name', { ...valid, timeZone: '+01:00 Berlin' }, ['timeZone']],
    ['an empty zone name', { ...valid, timeZone: '' }, ['timeZone']],
    ['a missing zone', { week: { monday } }, ['timeZone']],
    ['a missing week', { timeZone: 'UTC' }, ['week']],
    ['a date with a one-digit month and day', { ...valid, holidays: [{ date: '2026-2-1' }] }, ['holidays', 0, 'date']],
    ['30 February', { ...valid, holidays: [{ date: '2026-02-30' }] }, ['holidays', 0, 'date']],
    ['29 February of a common year', { ...valid, holidays: [{ date: '2100-02-29' }] }, ['holidays', 0, 'date']],
    ['month 13', { ...valid, holidays: [{ date: '2026-13-01' }] }, ['holidays', 0, 'date']],
    ['a date-time instead of a date', { ...valid, holidays: [{ date: '2026-12-25T00:00:00Z' }] }, ['holidays', 0, 'date']],
    ['a date before 1900', { ...valid, holidays: [{ date: '1899-12-31' }] }, ['holidays', 0, 'date']],
    ['a date after 2199', { ...valid, holidays: [{ date: '2200-01-01' }] }, ['holidays', 0, 'date']],
    ['a holiday without a date', { ...valid, holidays: [{ name: 'Someday' }] }, ['holidays', 0, 'date']],
    ['a holiday name over 200 characters', { ...valid, holidays: [{ date: '2026-12-25', name: 'x'.repeat(201) }] }, ['holidays', 0, 'name']],
    ['week as an array', { timeZone: 'UTC', week: [monday] }, ['week']],
    ['a weekday as an object', { timeZone: 'UTC', week: { monday: { start: '09:00', end: '17:00' } } }, ['week', 'monday']],
    ['holidays as an object', { ...valid, holidays: { '2026-12-25': 'Christmas Day' } }, ['holidays']],
    ['a window as null', { timeZone: 'UTC', week: { monday: [null] } }, ['week', 'monday', 0]],
    ['a zone as a number', { ...valid, timeZone: 1 }, ['timeZone']],
    ['null', null, []],
    ['a string', 'Europe/Berlin', []],
    ['an array', [valid], []],
  ])('%s, naming the path', (_name, input, path) => {
    const error = rejection(input);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toBeInstanceOf(ItsmError);
    expect(error.code).toBe('validation');
    expect(paths(error)).toContainEqual(path);
    // And defineCalendar throws that same kind of error.
    const thrownError = thrown(() => defineCalendar(input as BusinessCalendarDefinition));
    expect(thrownError).toBeInstanceOf(ValidationError);
    expect(paths(thrownError as ValidationError)).toEqual(paths(error));
  });

  it('names the second of two holidays on one date, pointing back at the first', () => {
    const error = rejection({
      ...valid,
      holidays: [{ date: '2026-12-24' }, { date: '2026-12-25', name: 'Christmas Day' }, { date: '2026-12-25', name: 'Also Christmas' }],
    });
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]?.path).toEqual(['holidays', 2, 'date']);
    expect(error.issues[0]?.message).toContain('holidays[1]');
    expect(error.issues[0]?.value).toBe('2026-12-25');
  });

  it('reports several problems together, each with its own path', () => {
    const error = rejection({
      timeZone: 'Nowhere/Land',
      week: { mondy: monday, tuesday: [{ start: '9:00', end: '17:00' }], friday: [{ start: '09:00', end: '24:30' }] },
      holidays: [{ date: '2026-02-30' }],
    });
    expect(paths(error)).toEqual(
      expect.arrayContaining([['timeZone'], ['week', 'mondy'], ['week', 'tuesday', 0, 'start'], ['week', 'friday', 0, 'end'], ['holidays', 0, 'date']]),
    );
    for (const path of ['timeZone', 'week.mondy', 'week.tuesday[0].start', 'week.friday[0].end', 'holidays[0].date']) {
      expect(error.message).toContain(path);
    }
  });

  it('echoes short offending values and says what is wrong', () => {
    const error = rejection({ timeZone: 'UTC', week: { monday: [{ start: '25:00', end: '17:00' }] } });
    expect(error.issues).toEqual([{ path: ['week', 'monday', 0, 'start'], message: expect.stringMatching(/HH:mm/) as unknown, value: '25:00' }]);
    expect(rejection({ ...valid, timeZone: 'Mars/Olympus' }).issues[0]?.value).toBe('Mars/Olympus');
  });

  it('does not echo a long value back', () => {
    const long = 'A'.repeat(500);
    const error = rejection({ ...valid, timeZone: long });
    expect(paths(error)).toEqual([['timeZone']]);
    expect(error.issues[0]?.value).toBeUndefined();
    expect(error.message).not.toContain(long);
  });
});

describe('the validation error', () => {
  const error = rejection({ timeZone: 'UTC', week: { monday: [{ start: '09:00', end: '24:30' }] } });

  it('names the path and the subject in its message', () => {
    expect(error.name).toBe('ValidationError');
    expect(error.message).toContain('week.monday[0].end');
    expect(error.message).toMatch(/calendar definition/);
  });

  it('serialises to plain data with toJSON', () => {
    const json = error.toJSON();
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(json).toMatchObject({ name: 'ValidationError', code: 'validation', message: error.message });
    expect(json.details).toEqual({ subject: 'calendar definition', issues: error.issues });
    expect(JSON.parse(JSON.stringify(error))).toEqual(json);
  });
});

describe('safeDefineCalendar', () => {
  it('returns { success: false, error } instead of throwing', () => {
    const result = safeDefineCalendar({ timeZone: 'Mars/Olympus', week: {} });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error).toBeInstanceOf(ValidationError);
      expect(result.error.issues[0]?.path).toEqual(['timeZone']);
    }
  });

  it('returns { success: true, data } with a working calendar', () => {
    const result = safeDefineCalendar(valid);
    expect(result.success).toBe(true);
    if (result.success) expect(businessTimeOnDate(result.data, '2026-11-23')).toBe(8 * 3_600_000);
  });

  it('does not throw for hostile inputs', () => {
    const throwingGetter = Object.defineProperty({ week: {} }, 'timeZone', {
      enumerable: true,
      get(): string {
        throw new Error('boom');
      },
    });
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const cyclic: Record<string, unknown> = { timeZone: 'UTC' };
    cyclic.week = cyclic;
    for (const input of [throwingGetter, proxy, cyclic, undefined, Symbol('calendar'), () => valid, 10n, Object.create(null)]) {
      let result: ReturnType<typeof safeDefineCalendar> | undefined;
      expect(() => {
        result = safeDefineCalendar(input);
      }).not.toThrow();
      expect(result?.success).toBe(false);
      if (result !== undefined && !result.success) expect(result.error).toBeInstanceOf(ValidationError);
    }
  });
});

describe('calendar functions given something that is not a calendar', () => {
  const from = new Date('2026-11-23T09:00:00Z');
  const to = new Date('2026-11-24T09:00:00Z');
  const calls: [string, (calendar: BusinessCalendar) => unknown][] = [
    ['addBusinessTime', (c) => addBusinessTime(c, from, 1)],
    ['subtractBusinessTime', (c) => subtractBusinessTime(c, to, 1)],
    ['businessTimeBetween', (c) => businessTimeBetween(c, from, to)],
    ['isBusinessTime', (c) => isBusinessTime(c, from)],
    ['nextBusinessTime', (c) => nextBusinessTime(c, from)],
    ['businessWindowsOn', (c) => businessWindowsOn(c, '2026-11-23')],
    ['businessTimeOnDate', (c) => businessTimeOnDate(c, '2026-11-23')],
    ['businessWindowsBetween', (c) => businessWindowsBetween(c, from, to)],
  ];

  it.each(calls)('%s throws a validation error naming `calendar` for a plain definition', (_name, call) => {
    const error = thrown(() => call(valid as unknown as BusinessCalendar));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe('validation');
    expect(paths(error as ValidationError)).toEqual([['calendar']]);
    expect((error as ValidationError).message).toContain('calendar');
  });

  it.each(calls)('%s throws a validation error naming `calendar` for null, a copy and a string', (_name, call) => {
    const real = defineCalendar(valid);
    for (const notACalendar of [null, undefined, 'Europe/Berlin', JSON.parse(JSON.stringify(real)) as unknown]) {
      const error = thrown(() => call(notACalendar as BusinessCalendar));
      expect(error).toBeInstanceOf(ValidationError);
      expect(paths(error as ValidationError)).toEqual([['calendar']]);
    }
  });
});
