/**
 * The bulletin's chart (各领域任务进度状态分布) as a PNG, drawn here in pure
 * TypeScript: an RGB raster, a stacked bar chart on it, and a PNG encoder
 * (node:zlib for deflate, CRC-32 by table). No canvas, no native module, no
 * browser, so the same bytes come out on every machine and in every test.
 *
 * Without a font file, text cannot be drawn; the only glyphs are digits (and
 * a few signs) from a built-in 5×7 bitmap font. Bars are numbered 1..N and
 * the document's caption under the image says what each number and colour is.
 */
import { deflateSync } from 'node:zlib';

export type Rgb = readonly [number, number, number];

/** One bar: its label under the axis (digits only) and its stacked values, bottom first. */
export interface StackedBar {
  label: string;
  values: readonly number[];
}

export interface StackedBarChart {
  bars: readonly StackedBar[];
  /** One colour per stacked series, bottom first; also the legend's swatches. */
  colors: readonly Rgb[];
  width?: number;
  height?: number;
}

const WHITE: Rgb = [255, 255, 255];
const AXIS: Rgb = [64, 64, 64];
const GRID: Rgb = [214, 214, 214];
const INK: Rgb = [32, 32, 32];

/** A white RGB raster with the few drawing operations the chart needs. */
export class Raster {
  readonly pixels: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) throw new RangeError(`bad raster size ${width}×${height}`);
    this.pixels = new Uint8Array(width * height * 3).fill(255);
  }

  /** Fills the rectangle [x, x+w) × [y, y+h), clipped to the raster. */
  fill(x: number, y: number, w: number, h: number, color: Rgb): void {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y1 = Math.min(this.height, Math.round(y + h));
    for (let row = y0; row < y1; row++) {
      for (let col = x0; col < x1; col++) {
        const i = (row * this.width + col) * 3;
        this.pixels[i] = color[0];
        this.pixels[i + 1] = color[1];
        this.pixels[i + 2] = color[2];
      }
    }
  }

  pixel(x: number, y: number): Rgb {
    const i = (y * this.width + x) * 3;
    return [this.pixels[i] ?? 0, this.pixels[i + 1] ?? 0, this.pixels[i + 2] ?? 0];
  }

  /** Draws text in the 5×7 font, each font pixel `scale` pixels wide; (x, y) is the top left. */
  text(x: number, y: number, text: string, scale: number, color: Rgb): void {
    let cx = x;
    for (const ch of text) {
      const glyph = FONT[ch];
      if (glyph !== undefined) {
        glyph.forEach((bits, row) => {
          for (let col = 0; col < 5; col++) {
            if ((bits >> (4 - col)) & 1) this.fill(cx + col * scale, y + row * scale, scale, scale, color);
          }
        });
      }
      cx += 6 * scale;
    }
  }
}

/** The width in pixels of `text` drawn at `scale` (5 pixels a glyph, 1 between). */
export function textWidth(text: string, scale: number): number {
  const n = [...text].length;
  return n === 0 ? 0 : (6 * n - 1) * scale;
}

/** Rows of 5 bits, top first. Digits and the signs a count or a share needs. */
const FONT: Readonly<Record<string, readonly number[]>> = {
  '0': [0b01110, 0b10001, 0b10011, 0b10101, 0b11001, 0b10001, 0b01110],
  '1': [0b00100, 0b01100, 0b00100, 0b00100, 0b00100, 0b00100, 0b01110],
  '2': [0b01110, 0b10001, 0b00001, 0b00010, 0b00100, 0b01000, 0b11111],
  '3': [0b11111, 0b00010, 0b00100, 0b00010, 0b00001, 0b10001, 0b01110],
  '4': [0b00010, 0b00110, 0b01010, 0b10010, 0b11111, 0b00010, 0b00010],
  '5': [0b11111, 0b10000, 0b11110, 0b00001, 0b00001, 0b10001, 0b01110],
  '6': [0b00110, 0b01000, 0b10000, 0b11110, 0b10001, 0b10001, 0b01110],
  '7': [0b11111, 0b00001, 0b00010, 0b00100, 0b01000, 0b01000, 0b01000],
  '8': [0b01110, 0b10001, 0b10001, 0b01110, 0b10001, 0b10001, 0b01110],
  '9': [0b01110, 0b10001, 0b10001, 0b01111, 0b00001, 0b00010, 0b01100],
  '.': [0, 0, 0, 0, 0, 0b01100, 0b01100],
  '-': [0, 0, 0, 0b11111, 0, 0, 0],
  '%': [0b11000, 0b11001, 0b00010, 0b00100, 0b01000, 0b10011, 0b00011],
  ' ': [0, 0, 0, 0, 0, 0, 0],
};

/**
 * The stacked bar chart as a raster: a legend of swatches (in series order)
 * at the top, horizontal gridlines at whole-number steps with
 * their values on the left, each bar's segments with its count inside when
 * it fits, the bar's total above it and its label under the axis.
 */
export function drawStackedBarChart(chart: StackedBarChart): Raster {
  const width = chart.width ?? 1200;
  const height = chart.height ?? 560;
  const r = new Raster(width, height);
  const scale = 3;
  const labelScale = 4;
  const glyphH = 7 * scale;

  // Legend: one swatch per series, left to right in series order (the caption names them).
  chart.colors.forEach((color, i) => r.fill(110 + i * 90, 18, 60, glyphH, color));

  const plot = { left: 100, right: width - 30, top: 30 + glyphH + 40, bottom: height - 20 - 7 * labelScale - 16 };
  const totals = chart.bars.map((b) => b.values.reduce((s, v) => s + Math.max(0, v), 0));
  const step = gridStep(Math.max(1, ...totals));
  const top = Math.max(step, Math.ceil(Math.max(1, ...totals) / step) * step);
  const y = (v: number): number => plot.bottom - ((plot.bottom - plot.top) * v) / top;

  for (let v = 0; v <= top; v += step) {
    const gy = Math.round(y(v));
    r.fill(plot.left, gy, plot.right - plot.left, 1, v === 0 ? AXIS : GRID);
    const label = String(v);
    r.text(plot.left - 12 - textWidth(label, 3), gy - 10, label, 3, AXIS);
  }
  r.fill(plot.left - 1, plot.top, 2, plot.bottom - plot.top + 1, AXIS);
  r.fill(plot.left, plot.bottom, plot.right - plot.left, 2, AXIS);

  const n = chart.bars.length;
  if (n === 0) return r;
  const slot = (plot.right - plot.left) / n;
  const barW = Math.max(4, Math.min(120, slot * 0.6));
  chart.bars.forEach((bar, i) => {
    const x = plot.left + slot * i + (slot - barW) / 2;
    let base = 0;
    bar.values.forEach((value, k) => {
      if (value <= 0) return;
      const color = chart.colors[k] ?? AXIS;
      const y0 = y(base + value);
      const h = y(base) - y0;
      r.fill(x, y0, barW, h, color);
      const label = String(value);
      const s = [4, 3, 2].find((z) => h >= 7 * z + 6 && textWidth(label, z) + 8 <= barW) ?? 0;
      if (s > 0) r.text(x + (barW - textWidth(label, s)) / 2, y0 + (h - 7 * s) / 2, label, s, k === 1 ? INK : WHITE);
      base += value;
    });
    const total = String(totals[i] ?? 0);
    r.text(x + (barW - textWidth(total, scale)) / 2, y(base) - glyphH - 8, total, scale, INK);
    r.text(x + (barW - textWidth(bar.label, labelScale)) / 2, plot.bottom + 12, bar.label, labelScale, INK);
  });
  return r;
}

/** A step of 1, 2, 5, 10, 20, 50… giving at most about 8 gridlines. */
function gridStep(max: number): number {
  for (let magnitude = 1; ; magnitude *= 10) {
    for (const m of [1, 2, 5]) if (max / (m * magnitude) <= 8) return m * magnitude;
  }
}

/** The chart as PNG bytes. */
export function renderStackedBarPng(chart: StackedBarChart): Uint8Array {
  const r = drawStackedBarChart(chart);
  return encodePng(r.width, r.height, r.pixels);
}

const SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** PNG of 8-bit RGB pixels (row by row, 3 bytes each), filter 0 on every row. */
export function encodePng(width: number, height: number, rgb: Uint8Array): Uint8Array {
  if (rgb.length !== width * height * 3) throw new RangeError(`expected ${width * height * 3} bytes of RGB, got ${rgb.length}`);
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type 2 (RGB), deflate, adaptive filtering, no interlace
  const raw = new Uint8Array(height * (1 + width * 3));
  for (let row = 0; row < height; row++) {
    raw.set(rgb.subarray(row * width * 3, (row + 1) * width * 3), row * (1 + width * 3) + 1);
  }
  const idat = new Uint8Array(deflateSync(raw, { level: 9 }));
  return concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', new Uint8Array())]);
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309, as PNG and ZIP use it). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
