/**
 * The payment code as an SVG path, loaded on demand (a chunk of its own with lean-qr's "nano"
 * build, about 2 KB gzip): a page that never shows a QR code never downloads the encoder.
 *
 * Error correction M (15 %): a printed or screen-shown code survives a scratch or glare, and the
 * ZBP text (~100 characters, UTF-8) still fits in a version a phone camera reads from a screen.
 * One path of unit squares, one per dark module: crisp at any size, and small.
 */
import { correction, generate } from 'lean-qr/nano';

export interface QrPath {
  /** Modules per side, without the quiet zone. */
  size: number;
  /** `M x y h1v1h-1z` per dark module. */
  path: string;
}

export function qrPath(text: string): QrPath {
  const code = generate(text, { minCorrectionLevel: correction.M });
  let path = '';
  for (let y = 0; y < code.size; y++) {
    for (let x = 0; x < code.size; x++) if (code.get(x, y)) path += `M${x} ${y}h1v1h-1z`;
  }
  return { size: code.size, path };
}
