/**
 * A small page layout for printed statements on PDFKit: headings, paragraphs, label–value
 * fields and tables that break across A4 pages (the table's header repeated on each page, a
 * heading never left alone at a page's foot), and a footer with "Strona n z N" on every page.
 *
 * Why two passes: the footer names the number of pages, and PDFKit could only write it at the
 * end by keeping every page in memory (`bufferPages`). Instead every block is measured first
 * (text widths and wrapped heights with the document's own font metrics), the pages are laid
 * out, and then each page is drawn and handed on (PDFKit writes a page's content to the stream
 * when the next one starts), yielding to the event loop between pages so that other requests
 * are served while a long statement is drawn.
 *
 * The text is real text in an embedded TrueType font (DejaVu Sans Condensed from the
 * `dejavu-fonts-ttf` package, subset to the glyphs used, with a ToUnicode map), so it can be
 * selected, searched and read aloud, and every Polish letter is there.
 *
 * The document is tagged (PDF/UA's structure): headings H1–H3, paragraphs P, and tables as
 * Table → TR → TH/TD, so a screen reader reads the statement in order and announces a cell with
 * its column's header. A table's header row repeated on a following page, the footer with the
 * page numbers, rules and fills are artifacts: drawn for the eye, skipped by assistive technology.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setImmediate as nextTurn } from 'node:timers/promises';
import * as fontkit from 'fontkit';
import type PDFDocument from 'pdfkit';

type Doc = InstanceType<typeof PDFDocument>;
type StructureElement = ReturnType<Doc['struct']>;

/** What an item draws into: the document's structure, and whether it is a repeated header. */
interface DrawContext {
  /** The root structure element (`Document`) that the items' elements are added to. */
  root: StructureElement;
  /** A table's header drawn again on a following page: an artifact, not content. */
  repeated: boolean;
}

/** Draws `paint` as an artifact: seen, not read (rules, fills, page furniture). */
function artifact(doc: Doc, paint: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
  doc.markContent('Artifact', { type });
  paint();
  doc.endMarkedContent();
}

const require = createRequire(import.meta.url);

/** The font files; a statement embeds only the glyphs it uses. */
const FONT_FILES = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSansCondensed.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSansCondensed-Bold.ttf',
} as const;
export type FontName = keyof typeof FONT_FILES;
let parsedFonts: Record<FontName, fontkit.Font> | undefined;

/**
 * The fonts, parsed once per process: PDFKit would parse a file given as bytes again for every
 * document, and parsing DejaVu's tables cost most of a small statement's time (profiled: about
 * 50 ms of 65). A parsed font is only read afterwards (each document makes its own subset).
 */
function fonts(): Record<FontName, fontkit.Font> {
  parsedFonts ??= {
    regular: fontkit.create(readFileSync(require.resolve(FONT_FILES.regular))),
    bold: fontkit.create(readFileSync(require.resolve(FONT_FILES.bold))),
  };
  return parsedFonts;
}

/**
 * The document's default font, for its constructor's `font` option: none. PDFKit would
 * otherwise load Helvetica's metrics for every document, and a parsed font given here would be
 * compared with the registered ones through their whole name tables on first use (profiled:
 * 50 ms a document, more than the rest of a four-page statement).
 */
export function defaultFont(): string {
  return null as unknown as string;
}

/** Registers the fonts with a document; call once per document before laying out. */
export function registerFonts(doc: Doc): void {
  // PDFKit takes a parsed fontkit font where its types only name files and bytes.
  for (const [name, font] of Object.entries(fonts())) doc.registerFont(name, font as unknown as Buffer);
  doc.font('regular');
}

/** A4 in points, and the area the layout fills. */
export const PAGE = {
  width: 595.28,
  height: 841.89,
  left: 40,
  right: 40,
  top: 42,
  /** Content stops here; the footer sits below. */
  bottom: 841.89 - 62,
  footerY: 841.89 - 44,
} as const;
export const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

/**
 * PDFKit adds a page by itself when text runs past the bottom margin; the layout decides the
 * pages, so the document's own margin is below the footer.
 */
export const DOCUMENT_MARGINS = { top: PAGE.top, left: PAGE.left, right: PAGE.right, bottom: 20 };

export interface Column {
  header: string;
  /** Share of the content width; the shares of a table add up to 1. */
  width: number;
  align?: 'left' | 'right';
  /** May wrap onto more lines (descriptions, names); others are one line. */
  wrap?: boolean;
}

export interface TableRow {
  cells: string[];
  /** A sum or subtotal row: bold, with a rule above. */
  total?: boolean;
}

export type Block =
  | { type: 'heading'; text: string; level: 1 | 2 | 3 }
  | { type: 'paragraph'; text: string; size?: number; font?: FontName; gap?: number }
  | { type: 'fields'; rows: [label: string, value: string][] }
  | { type: 'table'; columns: Column[]; rows: TableRow[] }
  | { type: 'space'; height: number };

/** One measured piece of a page: a heading, a paragraph, a table's header or one row. */
interface Item {
  height: number;
  draw(doc: Doc, y: number, context: DrawContext): void;
  /** How many of the following items must share this one's page (a heading and its table). */
  keepWithNext?: number;
  /** A table row's header, drawn again at the top of a page that starts inside the table. */
  header?: Item;
  /** Empty space: dropped at the top of a page. */
  spacer?: boolean;
}

const TABLE_FONT_SIZE = 7.6;
const CELL_PAD_X = 3;
const CELL_PAD_Y = 2.4;
const HEADING_SIZES = { 1: 15, 2: 11.5, 3: 9.5 } as const;
const RULE = '#9a9a9a';
const HEADER_FILL = '#e6e6e6';

/** The height of `text` in a box of `width`: one line unless it does not fit and may wrap. */
function textHeight(
  doc: Doc,
  text: string,
  font: FontName,
  size: number,
  width: number,
  wrap: boolean,
): number {
  doc.font(font).fontSize(size);
  if (!wrap || doc.widthOfString(text) <= width) return doc.currentLineHeight(true);
  return doc.heightOfString(text, { width });
}

function drawText(
  doc: Doc,
  text: string,
  x: number,
  y: number,
  width: number,
  options: { font: FontName; size: number; align?: 'left' | 'right'; wrap?: boolean; color?: string },
): void {
  doc
    .font(options.font)
    .fontSize(options.size)
    .fillColor(options.color ?? '#000000')
    .text(text, x, y, {
      width,
      align: options.align ?? 'left',
      lineBreak: options.wrap ?? false,
      // One line that does not fit is cut at the box, never drawn across the next column.
      ellipsis: options.wrap ? undefined : true,
      height: options.wrap ? undefined : doc.currentLineHeight(true) + 1,
    });
}

function headingItems(doc: Doc, block: Extract<Block, { type: 'heading' }>): Item[] {
  const size = HEADING_SIZES[block.level];
  const before = block.level === 1 ? 4 : block.level === 2 ? 12 : 8;
  const after = block.level === 3 ? 3 : 5;
  const height = before + textHeight(doc, block.text, 'bold', size, CONTENT_WIDTH, true) + after;
  return [
    {
      height,
      keepWithNext: 1,
      draw: (d, y, { root }) => {
        root.add(
          d.struct(`H${block.level}`, {}, () =>
            drawText(d, block.text, PAGE.left, y + before, CONTENT_WIDTH, { font: 'bold', size, wrap: true }),
          ),
        );
        if (block.level === 2) {
          const ruleY = y + height - 2;
          artifact(d, () =>
            d
              .moveTo(PAGE.left, ruleY)
              .lineTo(PAGE.left + CONTENT_WIDTH, ruleY)
              .lineWidth(0.6)
              .stroke('#000000'),
          );
        }
      },
    },
  ];
}

function paragraphItems(doc: Doc, block: Extract<Block, { type: 'paragraph' }>): Item[] {
  const size = block.size ?? 8.5;
  const font = block.font ?? 'regular';
  const gap = block.gap ?? 3;
  return [
    {
      height: textHeight(doc, block.text, font, size, CONTENT_WIDTH, true) + gap,
      draw: (d, y, { root }) => {
        root.add(
          d.struct('P', {}, () =>
            drawText(d, block.text, PAGE.left, y, CONTENT_WIDTH, { font, size, wrap: true }),
          ),
        );
      },
    },
  ];
}

function fieldItems(doc: Doc, block: Extract<Block, { type: 'fields' }>): Item[] {
  const size = 8.5;
  const labelWidth = 120;
  const valueWidth = CONTENT_WIDTH - labelWidth;
  return block.rows.map(([label, value]) => {
    const height =
      Math.max(
        textHeight(doc, label, 'regular', size, labelWidth - 6, true),
        textHeight(doc, value, 'bold', size, valueWidth, true),
      ) + 1.5;
    return {
      height,
      // "Label: value" read as one paragraph.
      draw: (d, y, { root }) => {
        root.add(
          d.struct('P', {}, [
            () =>
              drawText(d, label, PAGE.left, y, labelWidth - 6, {
                font: 'regular',
                size,
                wrap: true,
                color: '#333333',
              }),
            () =>
              drawText(d, value, PAGE.left + labelWidth, y, valueWidth, { font: 'bold', size, wrap: true }),
          ]),
        );
      },
    };
  });
}

function tableItems(doc: Doc, block: Extract<Block, { type: 'table' }>): Item[] {
  const widths = block.columns.map((column) => column.width * CONTENT_WIDTH);
  const inner = (i: number) => widths[i]! - 2 * CELL_PAD_X;
  const xs: number[] = [];
  widths.reduce((x, width) => (xs.push(x), x + width), PAGE.left);

  // The table's structure element, made when its first row is drawn: one Table across pages.
  let table: StructureElement | undefined;
  const rowItem = (cells: string[], font: FontName, kind: 'header' | 'body' | 'total'): Item => {
    const height =
      Math.max(
        ...cells.map((cell, i) =>
          textHeight(
            doc,
            cell,
            font,
            TABLE_FONT_SIZE,
            inner(i),
            kind === 'header' || !!block.columns[i]!.wrap,
          ),
        ),
      ) +
      2 * CELL_PAD_Y;
    return {
      height,
      draw: (d, y, { root, repeated }) => {
        if (kind === 'header')
          artifact(d, () => d.rect(PAGE.left, y, CONTENT_WIDTH, height).fill(HEADER_FILL));
        const drawCell = (cell: string, i: number) => () => {
          const column = block.columns[i]!;
          drawText(d, cell, xs[i]! + CELL_PAD_X, y + CELL_PAD_Y, inner(i), {
            font,
            size: TABLE_FONT_SIZE,
            align: column.align,
            wrap: kind === 'header' || column.wrap,
          });
        };
        if (repeated) {
          artifact(d, () => cells.forEach((cell, i) => drawCell(cell, i)()), 'Pagination');
        } else {
          if (!table) {
            table = d.struct('Table');
            root.add(table);
          }
          const cellTag = kind === 'header' ? 'TH' : 'TD';
          table.add(
            d.struct(
              'TR',
              {},
              cells.map((cell, i) => d.struct(cellTag, {}, drawCell(cell, i))),
            ),
          );
        }
        const ruleY = kind === 'total' ? y : y + height;
        artifact(d, () =>
          d
            .moveTo(PAGE.left, ruleY)
            .lineTo(PAGE.left + CONTENT_WIDTH, ruleY)
            .lineWidth(kind === 'total' ? 0.8 : 0.3)
            .stroke(kind === 'total' ? '#000000' : RULE),
        );
      },
    };
  };

  const header = rowItem(
    block.columns.map((column) => column.header),
    'bold',
    'header',
  );
  header.keepWithNext = 1;
  return [
    header,
    ...block.rows.map((row) => ({
      ...rowItem(row.cells, row.total ? 'bold' : 'regular', row.total ? 'total' : 'body'),
      header,
    })),
    { height: 4, draw: () => undefined, spacer: true },
  ];
}

function measure(doc: Doc, blocks: readonly Block[]): Item[] {
  const items: Item[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'heading':
        items.push(...headingItems(doc, block));
        break;
      case 'paragraph':
        items.push(...paragraphItems(doc, block));
        break;
      case 'fields':
        items.push(...fieldItems(doc, block));
        break;
      case 'table':
        items.push(...tableItems(doc, block));
        break;
      case 'space':
        items.push({ height: block.height, draw: () => undefined, spacer: true });
        break;
    }
  }
  return items;
}

/** Places the items on pages: each page a list of (item, y). */
function paginate(items: Item[]): { item: Item; y: number; repeated?: boolean }[][] {
  const pages: { item: Item; y: number; repeated?: boolean }[][] = [[]];
  let y = PAGE.top;
  const newPage = () => {
    pages.push([]);
    y = PAGE.top;
  };
  items.forEach((item, index) => {
    // The item and those it keeps with, following the chain: a section's heading keeps with
    // a sub-heading, which keeps with a table's header, which keeps with its first row.
    let needed = item.height;
    let keep = item.keepWithNext ?? 0;
    for (let next = index + 1; keep > 0 && next < items.length; next++) {
      needed += items[next]!.height;
      keep = Math.max(keep - 1, items[next]!.keepWithNext ?? 0);
    }
    if (y + needed > PAGE.bottom && y > PAGE.top) {
      newPage();
      if (item.header) {
        pages[pages.length - 1]!.push({ item: item.header, y, repeated: true });
        y += item.header.height;
      }
    }
    if (item.spacer && pages[pages.length - 1]!.length === 0) return;
    pages[pages.length - 1]!.push({ item, y });
    y += item.height;
  });
  return pages;
}

export interface RenderOptions {
  /** The footer's left part on every page (who made the document, for what). */
  footer: string;
  /** Words around the page numbers: `Strona 1 z 3`. */
  pageLabel: (page: number, pages: number) => string;
}

/**
 * Lays out and draws the blocks on A4 pages of `doc` (created with `DOCUMENT_MARGINS`,
 * `autoFirstPage: false`, fonts registered), then ends the document. Resolves when the last
 * page has been handed to the stream.
 */
export async function renderBlocks(
  doc: Doc,
  blocks: readonly Block[],
  options: RenderOptions,
): Promise<number> {
  doc.addPage({ size: 'A4', margins: DOCUMENT_MARGINS });
  const pages = paginate(measure(doc, blocks));
  const root = doc.struct('Document');
  doc.addStructure(root);
  for (let index = 0; index < pages.length; index++) {
    if (index > 0) {
      doc.addPage({ size: 'A4', margins: DOCUMENT_MARGINS });
      // Let other requests run, and the stream send the finished page.
      await nextTurn();
      // The client went away: stop drawing for nobody.
      if (doc.destroyed) return index;
    }
    for (const { item, y, repeated } of pages[index]!) item.draw(doc, y, { root, repeated: !!repeated });
    artifact(doc, () => drawFooter(doc, options, index + 1, pages.length), 'Pagination');
  }
  root.end();
  doc.end();
  return pages.length;
}

function drawFooter(doc: Doc, options: RenderOptions, page: number, pages: number): void {
  const y = PAGE.footerY;
  doc
    .moveTo(PAGE.left, y - 4)
    .lineTo(PAGE.left + CONTENT_WIDTH, y - 4)
    .lineWidth(0.4)
    .stroke(RULE);
  const size = 7;
  const numberWidth = 70;
  drawText(doc, options.footer, PAGE.left, y, CONTENT_WIDTH - numberWidth, {
    font: 'regular',
    size,
    wrap: true,
    color: '#333333',
  });
  drawText(doc, options.pageLabel(page, pages), PAGE.left + CONTENT_WIDTH - numberWidth, y, numberWidth, {
    font: 'regular',
    size,
    align: 'right',
    color: '#333333',
  });
}
