/**
 * `Link: <…>; rel=modulepreload` for a page that loads widget entries (`<script type="module"
 * src="/widgets/strefa.js">`): every chunk the entry imports, named in the page's response
 * headers, so the browser fetches them alongside the entry instead of after it.
 *
 * Without the hints the chunks wait for the entry to arrive and be parsed, which waits for the
 * main thread to finish the page's first layout and paint: in `npm run bench`'s Chromium measure
 * the chunks of `strefa.js` started about 100 ms after the entry itself. The build lists every
 * chunk an entry needs as a static import at its top (vite.config.ts), so reading those imports
 * is enough; dynamic `import()`s (the clerk tool, the charts) are left to load on demand.
 *
 * The page's own stylesheets are named first (`rel=preload; as=style`). Only for pages this
 * server sends (the demo site). A CMS page gets the same effect from
 * `<link rel="modulepreload">` tags (docs/web-editors.md).
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';

/** `href="/…css"` of a page's own stylesheet (same origin, absolute path). */
const STYLESHEET = /<link\b[^>]*\brel=["']?stylesheet["']?[^>]*\bhref=["'](\/[A-Za-z0-9_./-]+\.css)["']/gi;
/** `src="/widgets/<entry>.js"` of a module script in a page. */
const ENTRY_SCRIPT =
  /<script\b[^>]*\btype=["']?module["']?[^>]*\bsrc=["']\/widgets\/([A-Za-z0-9_-]+\.js)["']/gi;
/**
 * The static imports at the top of a built entry: `import … from"./chunks/x.js"`,
 * `import"./chunks/x.js"`, and re-exports, which load their chunk just the same:
 * `export{…}from"./chunks/x.js"`, `export*from"./chunks/x.js"`.
 */
const STATIC_IMPORT =
  /(?:^|[;\s}])(?:import|export)\s*(?:[^"'();]*?\bfrom\s*)?["']\.\/(chunks\/[A-Za-z0-9_.-]+\.js)["']/g;

interface Cached<T> {
  mtimeMs: number;
  value: T;
}

/** What a page loads that the hints name: its own stylesheets and its widget entries. */
interface PageParts {
  styles: string[];
  entries: string[];
}

export class ModulePreloadHints {
  private readonly pages = new Map<string, Cached<PageParts>>();
  private readonly entries = new Map<string, Cached<string[]>>();

  constructor(private readonly widgetsDir: string) {}

  /** The `Link` header value for a page file, or null when it loads no widget entry. */
  async forPage(file: string, mtimeMs: number): Promise<string | null> {
    const { styles, entries } = await this.cached(this.pages, file, mtimeMs, async () => {
      const html = await readFile(file, 'utf8');
      return {
        styles: [...new Set([...html.matchAll(STYLESHEET)].map((match) => match[1]!))],
        entries: [...new Set([...html.matchAll(ENTRY_SCRIPT)].map((match) => match[1]!))],
      };
    });
    const modules: string[] = [];
    for (const entry of entries) {
      const chunks = await this.chunksOf(entry);
      if (chunks === null) continue;
      for (const path of [entry, ...chunks]) modules.push(`</widgets/${path}>; rel=modulepreload`);
    }
    if (!modules.length) return null;
    // The page's stylesheets first: they block the scripts (a module runs only once the page's
    // stylesheets have loaded), and the hints would otherwise queue them behind the chunks on
    // HTTP/1.1's six connections.
    const links = [...styles.map((href) => `<${href}>; rel=preload; as=style`), ...modules];
    return [...new Set(links)].join(', ');
  }

  /** The chunks a built entry imports statically, or null when there is no such entry. */
  private async chunksOf(entry: string): Promise<string[] | null> {
    const file = resolve(this.widgetsDir, entry);
    if (!file.startsWith(this.widgetsDir + sep)) return null;
    let mtimeMs: number;
    try {
      mtimeMs = (await stat(file)).mtimeMs;
    } catch {
      return null;
    }
    return this.cached(this.entries, file, mtimeMs, async () => {
      const code = await readFile(file, 'utf8');
      return [...new Set([...code.matchAll(STATIC_IMPORT)].map((match) => match[1]!))];
    });
  }

  private async cached<T>(
    map: Map<string, Cached<T>>,
    file: string,
    mtimeMs: number,
    read: () => Promise<T>,
  ): Promise<T> {
    const known = map.get(file);
    if (known && known.mtimeMs === mtimeMs) return known.value;
    const value = await read();
    map.set(file, { mtimeMs, value });
    return value;
  }
}
