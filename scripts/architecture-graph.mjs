// The layer graph of docs/architecture.md, made from the real imports: dependency-cruiser's JSON
// on stdin, modules grouped by layer, one Mermaid edge per pair of layers that import each other.
// `npm run graph` rewrites the block between the markers; `--check` (in `npm run lint`) fails
// when the document no longer shows what the code does.
import { readFileSync, writeFileSync } from 'node:fs';

const DOC = 'docs/architecture.md';
const BEGIN = '<!-- layer-graph:begin (npm run graph) -->';
const END = '<!-- layer-graph:end -->';

/** The layer of a module, or null for modules the graph leaves out (tests, stories). */
function layerOf(path) {
  if (/\.(test|stories)\.ts$|test-support|data-test-support/.test(path)) return null;
  let m;
  if ((m = /^bff\/src\/(app|server)\.ts$/.exec(path))) return 'bff: app, server';
  if (/^bff\/src\/(config|deps|errors|logger)\.ts$/.test(path)) return 'bff: config, errors, logger';
  if (path.startsWith('bff/src/db/demo-data/')) return 'bff: db/demo-data';
  if ((m = /^bff\/src\/([^/]+)\//.exec(path))) return `bff: ${m[1]}`;
  if (path.startsWith('packages/api-types/') || path.startsWith('@strefa/api-types')) return 'api-types';
  if (path === 'packages/elements/src/index.ts') return 'elements: index';
  if ((m = /^packages\/elements\/src\/([^/]+)\//.exec(path))) {
    if (m[1] === 'generated') return 'elements: internal';
    return `elements: ${m[1]}`;
  }
  return null;
}

const cruise = JSON.parse(readFileSync(0, 'utf8'));
const edges = new Set();
const nodes = new Set();
for (const module of cruise.modules) {
  const from = layerOf(module.source);
  if (!from) continue;
  nodes.add(from);
  for (const dependency of module.dependencies) {
    const to = layerOf(dependency.resolved);
    if (to && to !== from) edges.add(`${from}\u0000${to}`);
  }
}
const ids = new Map([...nodes].sort().map((name, i) => [name, `n${i}`]));
const lines = ['```mermaid', 'flowchart TD'];
for (const [name, id] of ids) lines.push(`  ${id}["${name}"]`);
for (const edge of [...edges].sort()) {
  const [from, to] = edge.split('\u0000');
  lines.push(`  ${ids.get(from)} --> ${ids.get(to)}`);
}
lines.push('```');
const block = `${BEGIN}\n${lines.join('\n')}\n${END}`;

const doc = readFileSync(DOC, 'utf8');
const start = doc.indexOf(BEGIN);
const end = doc.indexOf(END);
if (start < 0 || end < 0) throw new Error(`${DOC}: the layer-graph markers are missing`);
const updated = doc.slice(0, start) + block + doc.slice(end + END.length);
if (process.argv.includes('--check')) {
  if (updated !== doc) {
    console.error(`${DOC}: the layer graph is out of date; run \`npm run graph\``);
    process.exit(1);
  }
} else {
  writeFileSync(DOC, updated);
}
