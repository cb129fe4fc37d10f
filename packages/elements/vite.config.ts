/**
 * The widgets' production build, for web editors: `dist/strefa.js` registers every element, and
 * each element also has an entry of its own (`dist/resident-login.js`, `dist/rent-components.js`…),
 * kept for the pages that load one. All entries share hashed chunks (Lit is in one of them,
 * once), so a page that loads two entries downloads the shared code once; `resident-login.js`
 * alone loads only the login's part (see chunkGroups).
 *
 * Entry names carry no hash: web editors paste `<script type="module" src="/widgets/strefa.js">`
 * into a CMS once and never edit it again; the BFF serves them with revalidation. Chunks carry a
 * content hash and are served as immutable. Everything (lit, @lit/task, @lit/localize) is bundled:
 * a CMS page needs nothing else. Every file is also written precompressed (.gz, .br) so the BFF
 * does not compress on each request.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const src = resolve(root, 'src');
const outDir = resolve(root, 'dist');

/** What rolldown hands a chunk group's `name` function: the module graph of this build. */
interface ChunkingContext {
  getModuleInfo(id: string): { importedIds: readonly string[] } | null;
}

/** A module and everything it imports statically, transitively (module ids). */
function staticClosure(ctx: ChunkingContext, entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const next of ctx.getModuleInfo(id)?.importedIds ?? []) visit(next);
  };
  visit(entry);
  return seen;
}

type ChunkGroup = 'core' | 'shared' | 'widgets';

/**
 * The chunks every page loads before its widgets run: as few files as the entries' promises
 * allow, because a page over HTTP/1.1 gets six connections to the BFF, and fifteen small modules
 * (the automatic split, one chunk per widget and per set of entries sharing code) queued in three
 * waves behind them and cost the browser a request each (issue 12: 0.82–0.92× the time to data).
 *
 * - `core`: Lit and everything `<resident-login>` needs (the session, the API client, the theme,
 *   the strings): every page needs it, and `resident-login.js` alone loads nothing else (its
 *   15 KB budget, test/size-budget.test.ts).
 * - `shared`: what the other widgets share with `<clerk-admin>` (@lit/task, formats…), so the
 *   clerks' page does not download the residents' widgets.
 * - `widgets`: every other module `strefa.js` runs at once: all resident widgets in one file.
 *
 * What loads on demand (the charts, the QR code, the clerks' tool, the English strings…) keeps
 * its own chunks. A widget's own entry (`rent-components.js`) loads the three files too: a page
 * with one widget downloads the other widgets' code as well (8–10 KB), in four files instead of
 * seven or eight, and two entries on one page still share everything.
 */
function chunkGroups() {
  let groupOf: Map<string, ChunkGroup> | null = null;
  const group = (id: string, ctx: ChunkingContext): ChunkGroup | null => {
    if (!groupOf) {
      const login = staticClosure(ctx, resolve(src, 'resident-login/resident-login.ts'));
      const clerk = staticClosure(ctx, resolve(src, 'clerk-admin/clerk-admin.ts'));
      groupOf = new Map();
      for (const module of login) groupOf.set(module, 'core');
      for (const module of staticClosure(ctx, resolve(src, 'index.ts'))) {
        if (!login.has(module)) groupOf.set(module, clerk.has(module) ? 'shared' : 'widgets');
      }
    }
    return groupOf.get(id) ?? null;
  };
  // One group per chunk, the first that claims a module wins (a group takes its modules'
  // dependencies along unless a group of higher priority has them).
  const named = (name: ChunkGroup, priority: number) => ({
    debugName: name,
    name: (id: string, ctx: ChunkingContext) => (group(id, ctx) === name ? name : null),
    priority,
  });
  return {
    groups: [named('core', 3), named('shared', 2), named('widgets', 1)],
    /** Forgets the previous build's graph (watch mode). */
    plugin: { name: 'strefa-chunk-groups', buildStart: () => void (groupOf = null) } satisfies Plugin,
  };
}

const chunks = chunkGroups();

/**
 * Every element folder with its `<tag>.ts` (the file that defines the tag) is an entry. Found
 * on disk rather than listed, so a new element needs no change here.
 */
export function elementEntries(): Record<string, string> {
  const entries: Record<string, string> = { strefa: resolve(src, 'index.ts') };
  for (const name of readdirSync(src).sort()) {
    const file = resolve(src, name, `${name}.ts`);
    if (name.includes('-') && existsSync(file)) entries[name] = file;
  }
  return entries;
}

/**
 * Squeezes the whitespace out of Lit's `css` and `html` templates, which the minifier leaves
 * alone (it cannot know the strings are CSS and HTML): comments and indentation in `css`, runs of
 * whitespace in `html` (rendered as one space anyway). Only the literal parts between `${…}`
 * change; a space at a part's edge is kept, so `margin: 0 ${x}` stays two tokens.
 */
export function minifyLitTemplates(): Plugin {
  type Node = { type: string; start: number; end: number; [key: string]: unknown };
  const collapse = (raw: string) => raw.replace(/\s+/g, ' ');
  const minifyCssCode = (raw: string) =>
    collapse(raw)
      .replace(/ ?([{};,]) ?/g, '$1')
      // `: ` only follows a property name (a pseudo-class never has a space after its colon).
      .replace(/: /g, ':');
  // Comments go first (they may hold apostrophes); quoted strings (`content: ': '`) are then
  // left exactly as written.
  const minifyCss = (raw: string) =>
    raw
      .replace(/\/\*[\s\S]*?\*\//g, ' ')
      .split(/("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')/)
      .map((part, i) => (i % 2 ? part : minifyCssCode(part)))
      .join('');
  return {
    name: 'strefa-minify-lit-templates',
    apply: 'build',
    enforce: 'post',
    transform(code, id) {
      if (!/[\\/]src[\\/].*\.ts$/.test(id) || !/\b(css|html|svg)`/.test(code)) return null;
      const edits: Array<{ start: number; end: number; text: string }> = [];
      const visit = (node: unknown) => {
        if (!node || typeof node !== 'object') return;
        if (Array.isArray(node)) return node.forEach(visit);
        const n = node as Node;
        if (n.type === 'TaggedTemplateExpression') {
          const tag = n.tag as Node & { name?: string };
          const kind = tag.type === 'Identifier' ? tag.name : undefined;
          const quasi = n.quasi as Node & { quasis: Array<Node & { value: { raw: string } }> };
          if (kind === 'css' || kind === 'html' || kind === 'svg') {
            const raws = quasi.quasis.map((q) => q.value.raw);
            // <pre>, <textarea> and line continuations keep their whitespace.
            const keep = raws.some((r) => /<pre|<textarea|\\\n/i.test(r));
            for (const q of quasi.quasis) {
              if (keep || code.slice(q.start, q.end) !== q.value.raw) continue;
              const text = kind === 'css' ? minifyCss(q.value.raw) : collapse(q.value.raw);
              if (text !== q.value.raw) edits.push({ start: q.start, end: q.end, text });
            }
          }
        }
        for (const key of Object.keys(n)) if (key !== 'type') visit(n[key]);
      };
      visit(this.parse(code));
      if (!edits.length) return null;
      let out = code;
      for (const edit of edits.sort((a, b) => b.start - a.start)) {
        out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
      }
      return { code: out, map: null };
    },
  };
}

/**
 * Makes every entry name, as static imports, all the chunks it needs before it runs, not only
 * the ones it imports itself. The browser discovers a module's imports only once it has that
 * module: with `strefa.js` → `rent-components-….js` → `lit-….js`, `data-widget-….js`, each level
 * waited for the one before (three round trips before any element could run, issue 12). Now
 * every chunk an entry needs is requested as soon as the entry arrives: two levels, whatever the
 * graph's depth. A tag-free CSP-safe `<link rel="modulepreload">` in disguise: no script, no
 * markup, nothing the web editor's one `<script>` tag must change.
 *
 * The added imports go after the entry's own, so the order in which modules run is unchanged
 * (each is already a dependency of an earlier import, run before it). Dynamic imports (charts,
 * `<clerk-admin>`, the English strings) stay on demand.
 */
function flattenEntryImports(): Plugin {
  type Chunk = { type: 'chunk'; fileName: string; isEntry: boolean; imports: string[]; code: string };
  return {
    name: 'strefa-flatten-entry-imports',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map<string, Chunk>();
      for (const [fileName, output] of Object.entries(bundle)) {
        if (output.type === 'chunk') chunks.set(fileName, output as unknown as Chunk);
      }
      for (const entry of chunks.values()) {
        if (!entry.isEntry || entry.fileName.includes('/')) continue;
        const needed = new Set<string>();
        const visit = (fileName: string) => {
          for (const next of chunks.get(fileName)?.imports ?? []) {
            if (needed.has(next)) continue;
            needed.add(next);
            visit(next);
          }
        };
        visit(entry.fileName);
        const added = [...needed].filter((fileName) => !entry.imports.includes(fileName));
        if (!added.length) continue;
        entry.code = `${entry.code.trimEnd()}${added.map((fileName) => `import"./${fileName}";`).join('')}\n`;
        entry.imports = [...entry.imports, ...added];
      }
    },
  };
}

/** Writes `.gz` and `.br` beside every built file (the BFF serves them when the client accepts). */
function precompress(): Plugin {
  const compressible = /\.(js|mjs|css|json|svg|html|map)$/;
  return {
    name: 'strefa-precompress',
    apply: 'build',
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((name) => {
          const path = join(dir, name);
          return statSync(path).isDirectory() ? walk(path) : [path];
        });
      if (!existsSync(outDir)) return;
      for (const file of walk(outDir)) {
        if (!compressible.test(file)) continue;
        const body = readFileSync(file);
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(body, {
            params: {
              [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
              [zlib.BROTLI_PARAM_SIZE_HINT]: body.length,
            },
          }),
        );
      }
    },
  };
}

/**
 * How the widgets' source becomes production code, whatever the chunks: shared with the size
 * test that builds one element's folder alone (test/size-budget.test.ts).
 */
export const widgetCode = {
  // Lit's development build warns in the console; a CMS page must get the production one.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  resolve: { conditions: ['production', 'module', 'browser', 'default'] },
  oxc: {
    // The elements use TypeScript's legacy decorators with `useDefineForClassFields: false`
    // (tsconfig.base.json): Lit's reactive properties are accessors a class field must not shadow.
    decorator: { legacy: true },
    typescript: { removeClassFieldsWithoutInitializer: true },
    assumptions: { setPublicClassFields: true },
  },
  target: 'es2022',
  output: {
    chunkFileNames: 'chunks/[name]-[hash].js',
    // Vite's library mode keeps whitespace in ES output; a CMS page wants the smallest file.
    minify: true,
    // `/* @__PURE__ */` marks help a bundler that tree-shakes this output further; browsers
    // run these files as they are, so the marks are only bytes (no other comment is kept either).
    comments: false,
  },
};

export default defineConfig({
  root,
  define: widgetCode.define,
  resolve: widgetCode.resolve,
  oxc: widgetCode.oxc,
  build: {
    outDir,
    emptyOutDir: true,
    target: widgetCode.target,
    minify: true,
    sourcemap: false,
    reportCompressedSize: true,
    lib: {
      entry: elementEntries(),
      formats: ['es'],
      fileName: (_format, entryName) => `${entryName}.js`,
    },
    rolldownOptions: {
      output: {
        ...widgetCode.output,
        // Three chunks for what a page runs at once (see chunkGroups), the rest on demand.
        codeSplitting: { groups: chunks.groups },
      },
    },
  },
  plugins: [chunks.plugin, minifyLitTemplates(), flattenEntryImports(), precompress()],
});
