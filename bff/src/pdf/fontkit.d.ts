/**
 * The part of fontkit 2 (PDFKit's own font engine) that the PDF layout uses: parsing a font once
 * per process. PDFKit accepts the parsed font wherever it takes a font file.
 */
declare module 'fontkit' {
  export interface Font {
    postscriptName: string;
    layout(text: string, features?: unknown): unknown;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
