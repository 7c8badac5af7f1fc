// Writes the generated parts of docs/lifecycles.md from the lifecycles' machines:
// `npm run docs:lifecycles`. A test fails when the file is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  defineAssetLifecycle,
  defineChangeLifecycle,
  defineFulfilmentTaskLifecycle,
  defineIncidentLifecycle,
  defineKnownErrorLifecycle,
  defineProblemLifecycle,
  defineRequestItemLifecycle,
  defineServiceRequestLifecycle,
  lifecycleDiagram,
  type Lifecycle,
} from '../src/index';
import { lifecycleRegions } from '../src/core/lifecycle-diagram';

/** The lifecycles the document shows, with their default options, by section name. */
const LIFECYCLES: readonly (readonly [string, Lifecycle<unknown, unknown>])[] = [
  ['incident', defineIncidentLifecycle()],
  ['problem', defineProblemLifecycle()],
  ['known_error', defineKnownErrorLifecycle()],
  ['change', defineChangeLifecycle()],
  ['service_request', defineServiceRequestLifecycle()],
  ['request_item', defineRequestItemLifecycle()],
  ['fulfilment_task', defineFulfilmentTaskLifecycle()],
  ['asset', defineAssetLifecycle()],
].map(([name, lifecycle]) => [name as string, lifecycle as Lifecycle<unknown, unknown>] as const);

/** The markdown of one lifecycle's section: a table of its states, then a diagram per region. */
export function lifecycleSection(lifecycle: Lifecycle<unknown, unknown>): string {
  const parts: string[] = [];
  for (const [region, node] of lifecycleRegions(lifecycle)) {
    parts.push(`Region \`${region}\` (the record's \`${region}\` field):`, '');
    parts.push('| State | Meaning | Events |', '| --- | --- | --- |');
    for (const [name, state] of Object.entries(node.states)) {
      const events = [...state.transitions.keys()].map((event) => `\`${event}\``).join(', ');
      parts.push(`| \`${name}\` | ${state.description ?? ''} | ${events === '' ? 'none (final)' : events} |`);
    }
    parts.push('', '```mermaid', lifecycleDiagram(lifecycle, { region }), '```', '');
  }
  return parts.join('\n');
}

const marker = (name: string, edge: 'start' | 'end'): string => `<!-- generated:${name}:${edge} -->`;

/** The document with every generated section replaced by what the machines say now. */
export function updateLifecyclesDoc(text: string): string {
  let out = text;
  for (const [name, lifecycle] of LIFECYCLES) {
    const start = out.indexOf(marker(name, 'start'));
    const end = out.indexOf(marker(name, 'end'));
    if (start < 0 || end < start) throw new Error(`docs/lifecycles.md lacks the markers of the ${name} section`);
    out = `${out.slice(0, start + marker(name, 'start').length)}\n${lifecycleSection(lifecycle)}${out.slice(end)}`;
  }
  return out;
}

/** Where the document is, from the repository root. */
export const LIFECYCLES_DOC = fileURLToPath(new URL('../docs/lifecycles.md', import.meta.url));

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const before = readFileSync(LIFECYCLES_DOC, 'utf8');
  const after = updateLifecyclesDoc(before);
  if (after !== before) writeFileSync(LIFECYCLES_DOC, after);
  console.log(after === before ? 'docs/lifecycles.md is up to date' : 'docs/lifecycles.md updated');
}
