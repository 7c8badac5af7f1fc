import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lifecycleDiagram } from '../../src/index';
import { defineChangeLifecycle } from '../../src/change/index';

const doc = readFileSync(new URL('../../docs/change.md', import.meta.url), 'utf8');

describe('docs/change.md', () => {
  it('shows the machine of the default change lifecycle as it is', () => {
    expect(doc).toContain(['```mermaid', lifecycleDiagram(defineChangeLifecycle()), '```'].join('\n'));
  });

  it('lists every state of the machine in its states table', () => {
    for (const state of defineChangeLifecycle().states) expect(doc).toMatch(new RegExp(`^\\| \`${state}\` \\|`, 'm'));
  });
});
