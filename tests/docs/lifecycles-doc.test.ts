import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIFECYCLES_DOC, updateLifecyclesDoc } from '../../scripts/lifecycle-diagrams';

describe('docs/lifecycles.md', () => {
  it('shows the machines as they are (run `npm run docs:lifecycles` when this fails)', () => {
    const text = readFileSync(LIFECYCLES_DOC, 'utf8');
    expect(updateLifecyclesDoc(text)).toBe(text);
  });

  it('notices a diagram edited by hand', () => {
    const text = readFileSync(LIFECYCLES_DOC, 'utf8').replace('new --> in_progress: start', 'new --> closed: start');
    expect(updateLifecyclesDoc(text)).not.toBe(text);
  });
});
