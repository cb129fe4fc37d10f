// `npm run build:wordpress`: compiles the plugin's translations (.po → .mo) and packs the plugin
// folder into dist/wordpress/strefa.zip, the file an administrator uploads in Plugins → Add New →
// Upload Plugin. Plain Node (no zip or gettext program needed); the output is byte-for-byte the
// same on every run (fixed timestamps, sorted entries), so a rebuilt .mo leaves the tree clean.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const plugin = join(here, 'strefa');
const repositoryRoot = resolve(here, '../..');
const output = join(repositoryRoot, 'dist/wordpress/strefa.zip');

/** The entries of a .po file: msgid → msgstr (untranslated and fuzzy ones left out). */
export function parsePo(text) {
  const entries = new Map();
  const unquote = (line) => JSON.parse(line.trim());
  let current = null;
  let field = null;
  let fuzzy = false;
  const flush = () => {
    if (current && current.msgstr !== '' && !fuzzy) entries.set(current.msgid, current.msgstr);
    current = null;
    fuzzy = false;
  };
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('#,') && line.includes('fuzzy')) fuzzy = true;
    if (line.startsWith('msgid ')) {
      if (current && field === 'msgstr') flush();
      current = { msgid: unquote(line.slice(6)), msgstr: '' };
      field = 'msgid';
    } else if (line.startsWith('msgstr ')) {
      current.msgstr = unquote(line.slice(7));
      field = 'msgstr';
    } else if (line.startsWith('"') && current && field) {
      current[field] += unquote(line);
    } else if (line.trim() === '' && field === 'msgstr') {
      flush();
      field = null;
    }
  }
  if (field === 'msgstr') flush();
  return entries;
}

/** A GNU .mo file (little-endian, no hash table) of `entries`, sorted by msgid as gettext wants. */
export function compileMo(entries) {
  const keys = [...entries.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const ids = keys.map((key) => Buffer.from(key, 'utf8'));
  const strs = keys.map((key) => Buffer.from(entries.get(key), 'utf8'));
  const count = keys.length;
  const headerSize = 28;
  const originalsAt = headerSize;
  const translationsAt = originalsAt + count * 8;
  let dataAt = translationsAt + count * 8;
  const table = Buffer.alloc(dataAt);
  table.writeUInt32LE(0x950412de, 0);
  table.writeUInt32LE(0, 4);
  table.writeUInt32LE(count, 8);
  table.writeUInt32LE(originalsAt, 12);
  table.writeUInt32LE(translationsAt, 16);
  table.writeUInt32LE(0, 20);
  table.writeUInt32LE(dataAt, 24);
  const data = [];
  const place = (buffers, at) => {
    buffers.forEach((buffer, i) => {
      table.writeUInt32LE(buffer.length, at + i * 8);
      table.writeUInt32LE(dataAt, at + i * 8 + 4);
      data.push(buffer, Buffer.alloc(1));
      dataAt += buffer.length + 1;
    });
  };
  place(ids, originalsAt);
  place(strs, translationsAt);
  return Buffer.concat([table, ...data]);
}

/** A zip archive (deflate) of `files` ([name, contents]) with a fixed date, in the given order. */
export function zip(files) {
  const local = [];
  const central = [];
  let offset = 0;
  // 2026-01-01 00:00 in DOS format: a fixed date keeps the archive identical between builds.
  const dosTime = 0;
  const dosDate = ((2026 - 1980) << 9) | (1 << 5) | 1;
  for (const [name, contents] of files) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(contents, { level: 9 });
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6); // UTF-8 names
    header.writeUInt16LE(8, 8);
    header.writeUInt16LE(dosTime, 10);
    header.writeUInt16LE(dosDate, 12);
    header.writeUInt32LE(crc32(contents), 14);
    header.writeUInt32LE(packed.length, 18);
    header.writeUInt32LE(contents.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    header.writeUInt16LE(0, 28);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(0x031e, 4); // made by Unix, spec 3.0
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt16LE(dosTime, 12);
    entry.writeUInt16LE(dosDate, 14);
    entry.writeUInt32LE(crc32(contents), 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(contents.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    entry.writeUInt32LE(offset, 42);
    local.push(header, nameBytes, packed);
    central.push(entry, nameBytes);
    offset += header.length + nameBytes.length + packed.length;
  }
  const centralSize = central.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, ...central, end]);
}

function walk(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
}

export function build() {
  const languages = join(plugin, 'languages');
  for (const name of readdirSync(languages).filter((file) => file.endsWith('.po'))) {
    const mo = compileMo(parsePo(readFileSync(join(languages, name), 'utf8')));
    writeFileSync(join(languages, name.replace(/\.po$/, '.mo')), mo);
  }
  const files = walk(plugin).map((path) => [`strefa/${relative(plugin, path)}`, readFileSync(path)]);
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, zip(files));
  return { output, files: files.map(([name]) => name) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { output: written, files } = build();
  console.log(`${relative(process.cwd(), written)}: ${files.length} files`);
}
