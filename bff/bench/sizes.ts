/**
 * Widget sizes as a browser downloads them: each entry of `packages/elements/dist` plus every
 * chunk it imports (statically, transitively), raw, gzip (level 9) and brotli (quality 11).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { repositoryRoot } from '../src/config.ts';

export const distDir = join(repositoryRoot, 'packages/elements/dist');

export interface SizeFigures {
  entry: string;
  files: string[];
  raw: number;
  gzip: number;
  brotli: number;
}

/** Relative static imports of an ES module: `import "./x.js"`, `from "./x.js"`, `import("./x.js")` excluded. */
function staticImports(code: string): string[] {
  const found = new Set<string>();
  const pattern = /(?:\bimport\s*|\bfrom\s*|\bexport\s*\*\s*from\s*)["'](\.{1,2}\/[^"']+)["']/g;
  for (const match of code.matchAll(pattern)) found.add(match[1]!);
  return [...found];
}

function closure(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    for (const specifier of staticImports(readFileSync(file, 'utf8')))
      visit(resolve(dirname(file), specifier));
  };
  visit(entry);
  return [...seen];
}

function measureFiles(files: string[]): Omit<SizeFigures, 'entry' | 'files'> {
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  for (const file of files) {
    const content = readFileSync(file);
    raw += content.length;
    gzip += gzipSync(content, { level: 9 }).length;
    brotli += brotliCompressSync(content, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
    }).length;
  }
  return { raw, gzip, brotli };
}

export function widgetSizes(): SizeFigures[] | null {
  if (!existsSync(join(distDir, 'strefa.js'))) return null;
  const entries = readdirSync(distDir)
    .filter((name) => name.endsWith('.js'))
    .sort((a, b) => (a === 'strefa.js' ? -1 : b === 'strefa.js' ? 1 : a.localeCompare(b)));
  return entries.map((name) => {
    const files = closure(join(distDir, name));
    return { entry: name, files: files.map((file) => relative(distDir, file)), ...measureFiles(files) };
  });
}
