/**
 * Reading back the PNGs we write: decoded by resvg (an SVG that shows the PNG
 * as its only image), so that a test sees the pixels a reader would.
 */
import { Resvg } from '@resvg/resvg-js';

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, row by row. */
  rgba: Uint8Array;
}

/** The PNG's pixels; throws when the bytes are not a PNG resvg decodes. */
export function decodePng(png: Uint8Array): Pixels {
  if (![0x89, 0x50, 0x4e, 0x47].every((b, i) => png[i] === b)) throw new Error('not a PNG');
  const width = new DataView(png.buffer, png.byteOffset).getUint32(16);
  const height = new DataView(png.buffer, png.byteOffset).getUint32(20);
  const href = `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image href="${href}" width="${width}" height="${height}"/></svg>`;
  const image = new Resvg(svg, { font: { loadSystemFonts: false } }).render();
  return { width: image.width, height: image.height, rgba: new Uint8Array(image.pixels) };
}

/** How many pixels are within `tolerance` of the colour '#rrggbb' in each channel (and opaque). */
export function countColor(image: Pixels, hex: string, tolerance = 8): number {
  const want = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (let i = 0; i < image.rgba.length; i += 4) {
    if ((image.rgba[i + 3] ?? 0) > 250 && want.every((c, k) => Math.abs((image.rgba[i + k] ?? 0) - c) <= tolerance)) n++;
  }
  return n;
}

/** How many pixels differ between two images of one size by more than `tolerance` in some channel. */
export function countDifferent(a: Pixels, b: Pixels, tolerance = 24): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error(`sizes differ: ${a.width}×${a.height} and ${b.width}×${b.height}`);
  let n = 0;
  for (let i = 0; i < a.rgba.length; i += 4) {
    if ([0, 1, 2].some((k) => Math.abs((a.rgba[i + k] ?? 0) - (b.rgba[i + k] ?? 0)) > tolerance)) n++;
  }
  return n;
}
