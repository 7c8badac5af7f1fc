import { defineConfig } from 'vitest/config';

// The calendar must give the same answers whatever the process time zone is, so its tests run
// twice: under UTC and under Pacific/Chatham (+12:45/+13:45, a DST zone on a 45-minute offset).
const zoneSensitive = ['tests/calendar/**/*.test.ts', 'tests/testing/**/*.test.ts'];

export default defineConfig({
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest/results.json' },
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'text', 'html'],
      thresholds: { lines: 90, functions: 90, branches: 85, statements: 90 },
    },
    projects: [
      {
        test: {
          name: 'tz-utc',
          include: ['tests/**/*.test.ts'],
          env: { TZ: 'UTC' },
        },
      },
      {
        test: {
          name: 'tz-chatham',
          include: zoneSensitive,
          // Sweeping all zones shows the offsets are right; once is enough for that.
          exclude: ['tests/calendar/every-zone.test.ts'],
          env: { TZ: 'Pacific/Chatham' },
        },
      },
    ],
  },
});
