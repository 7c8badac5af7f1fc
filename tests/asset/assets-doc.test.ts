import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lifecycleDiagram } from '../../src/index';
import { checkLicenceCompliance, defineAssetLifecycle } from '../../src/asset/index';
import { licence } from './licence-support';

const doc = readFileSync(fileURLToPath(new URL('../../docs/assets.md', import.meta.url)), 'utf8');

describe('docs/assets.md', () => {
  it('shows the diagram of the asset lifecycle as the machine draws it', () => {
    expect(doc).toContain(['```mermaid', lifecycleDiagram(defineAssetLifecycle()), '```'].join('\n'));
  });

  it('lists every state and its events as the machine has them', () => {
    for (const [name, state] of Object.entries(defineAssetLifecycle().machine.root.states)) {
      const events = [...state.transitions.keys()].map((event) => `\`${event}\``).join(', ');
      expect(doc).toContain(`| \`${name}\` | ${state.description ?? ''} | ${events === '' ? 'none (final)' : events} |`);
    }
  });

  it('gives the position its worked example shows', () => {
    const visio = licence('lic-1', { publisher: 'Microsoft', product: 'Visio' }, 'per_user', [
      { quantity: 5, validFrom: '2025-01-01T00:00:00.000Z', validTo: '2026-01-01T00:00:00.000Z' },
      { quantity: 2, validFrom: '2026-01-01T00:00:00.000Z', validTo: '2027-01-01T00:00:00.000Z' },
    ]);
    const oracle = licence('lic-2', { publisher: 'Oracle', product: 'Database', versions: { from: '19', to: '21' } }, 'per_core', [
      { quantity: 24, validFrom: '2024-06-01T00:00:00.000Z' },
    ]);
    const installations = [
      { id: 'i-1', publisher: 'Microsoft', product: 'Visio', version: '16.0.17328', deviceId: 'pc-1', userId: 'ana' },
      { id: 'i-2', publisher: 'Microsoft', product: 'Visio', version: '16.0.17328', deviceId: 'pc-2', userId: 'ana' },
      { id: 'i-3', publisher: 'Microsoft', product: 'Visio', version: '16.0.17328', deviceId: 'pc-3', userId: 'ben' },
      { id: 'i-4', publisher: 'microsoft', product: 'visio', version: '16.0.16130', deviceId: 'pc-4', userId: 'cy' },
      { id: 'i-5', publisher: 'Oracle', product: 'Database', version: '19.21.0.0', deviceId: 'db-1', cores: 8 },
      { id: 'i-6', publisher: 'Oracle', product: 'Database', version: '21.3', deviceId: 'db-2', cores: 16 },
      { id: 'i-7', publisher: 'Oracle', product: 'Database', version: '23.4', deviceId: 'db-3', cores: 4 },
      { id: 'i-8', publisher: 'Adobe', product: 'Acrobat Pro', version: '24.4', deviceId: 'pc-1', userId: 'ana' },
    ];
    const position = checkLicenceCompliance([visio, oracle], installations, { at: '2026-11-23T08:00:00.000Z' });
    const rows = position.products.map((product) => {
      const uncovered = product.uncovered.map((entry) => `\`${entry.installation.id ?? ''}\` \`${entry.reason}\``).join(', ');
      const balance = product.balance < 0 ? `−${-product.balance}` : String(product.balance);
      return `| ${product.publisher} ${product.product} | ${product.metric ?? '—'} | ${product.entitled} | ${product.used} | ${balance} | ${product.compliant ? 'yes' : 'no'} | ${uncovered} |`;
    });
    for (const row of rows) expect(doc).toContain(row);
    expect(position.compliant).toBe(false);
  });
});
