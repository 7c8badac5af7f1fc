// Calendars are data. A vendor keeps them in a database and lets administrators edit them, so
// every definition that comes back has to be validated. This program validates one good and one
// broken definition and prints what a UI would show next to each field.
import assert from 'node:assert/strict';
import { businessCalendarJsonSchema, businessTimeOnDate, formatPath, safeDefineCalendar } from 'itsm-kit/calendar';

const stored = [
  `{"timeZone":"America/New_York","week":{"saturday":[{"start":"22:00","end":"06:00"}]}}`,
  `{"timeZone":"America/New_Yrok","week":{"mondy":[],"tuesday":[{"start":"9:00","end":"17:00"}]},
    "holidays":[{"date":"2026-07-04"},{"date":"2026-07-04","hours":[]}]}`,
];

for (const json of stored) {
  const result = safeDefineCalendar(JSON.parse(json));
  if (result.success) {
    // A night shift from Saturday 22:00 to Sunday 06:00: 8 hours, which belong to the Saturday.
    const hours = businessTimeOnDate(result.data, '2026-11-21') / 3_600_000;
    console.log(`✔ ${result.data.timeZone}: Saturday 21 November 2026 has ${hours} business hours`);
    assert.equal(hours, 8);
  } else {
    console.log(`✖ rejected, ${result.error.issues.length} problems:`);
    for (const issue of result.error.issues) console.log(`    ${formatPath(issue.path)}: ${issue.message}`);
    assert.deepEqual(
      result.error.issues.map((issue) => formatPath(issue.path)),
      ['timeZone', 'week.tuesday[0].start', 'week.mondy', 'holidays[1].date'],
    );
  }
}

// The same rules as JSON Schema, for a form builder or an OpenAPI document.
const schema = businessCalendarJsonSchema();
assert.deepEqual(schema['required'], ['timeZone', 'week']);
console.log(`JSON Schema with properties: ${Object.keys(schema['properties'] as object).join(', ')}`);
