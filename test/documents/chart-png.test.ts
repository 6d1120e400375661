import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, drawStackedBarChart, encodePng, renderStackedBarPng, type Rgb, type StackedBarChart } from '../../src/documents/chart-png.js';

const GREEN: Rgb = [46, 160, 67];
const YELLOW: Rgb = [240, 180, 0];
const RED: Rgb = [214, 40, 40];
const GREY: Rgb = [160, 160, 160];

const chart: StackedBarChart = {
  bars: [
    { label: '1', values: [5, 2, 0, 1] },
    { label: '2', values: [2, 1, 1, 0] },
    { label: '3', values: [0, 0, 3, 0] },
  ],
  colors: [GREEN, YELLOW, RED, GREY],
  width: 600,
  height: 300,
};

interface Chunk {
  type: string;
  data: Uint8Array;
  crc: number;
  computed: number;
}

/** The chunks of a PNG, each with its stored CRC and the CRC of its type and data. */
function chunks(png: Uint8Array): Chunk[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: Chunk[] = [];
  for (let at = 8; at < png.length;) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    out.push({ type, data, crc: view.getUint32(at + 8 + length), computed: crc32(png.subarray(at + 4, at + 8 + length)) });
    at += 12 + length;
  }
  return out;
}

/** A decoder for what encodePng writes (8-bit RGB, filter 0 on every row): the pixel at (x, y). */
function decode(png: Uint8Array): { width: number; height: number; at: (x: number, y: number) => Rgb } {
  const all = chunks(png);
  const ihdr = all.find((c) => c.type === 'IHDR');
  if (ihdr === undefined) throw new Error('no IHDR');
  const view = new DataView(ihdr.data.buffer, ihdr.data.byteOffset, ihdr.data.byteLength);
  const width = view.getUint32(0);
  const height = view.getUint32(4);
  const idat = Buffer.concat(all.filter((c) => c.type === 'IDAT').map((c) => c.data));
  const raw = new Uint8Array(inflateSync(idat));
  expect(raw.length).toBe(height * (1 + width * 3));
  for (let row = 0; row < height; row++) expect(raw[row * (1 + width * 3)]).toBe(0);
  return {
    width,
    height,
    at: (x, y) => {
      const i = y * (1 + width * 3) + 1 + x * 3;
      return [raw[i] ?? -1, raw[i + 1] ?? -1, raw[i + 2] ?? -1];
    },
  };
}

describe('chart PNG', () => {
  it('is a PNG: signature, IHDR of the chart size as 8-bit RGB, correct CRCs, IEND last', () => {
    const png = renderStackedBarPng(chart);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const all = chunks(png);
    expect(all.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    for (const c of all) expect(c.crc, c.type).toBe(c.computed);
    const ihdr = all[0]?.data ?? new Uint8Array();
    const view = new DataView(ihdr.buffer, ihdr.byteOffset, ihdr.byteLength);
    expect([view.getUint32(0), view.getUint32(4)]).toEqual([600, 300]);
    expect([...ihdr.subarray(8)]).toEqual([8, 2, 0, 0, 0]);
  });

  it('CRC-32 is the standard one', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082);
  });

  it('decodes to the drawn bars: the bottom of bar 1 is green, bar 3 is red all the way, the background white', () => {
    const png = decode(renderStackedBarPng(chart));
    const raster = drawStackedBarChart(chart);
    expect(png.width).toBe(raster.width);
    // Find the bars by colour along a row just above the axis, then check their stacking upward.
    const axisY = findAxis(png);
    const row = axisY - 3;
    const runs = colourRuns(png, row);
    expect(runs.map((r) => r.color)).toEqual([GREEN, GREEN, RED]);
    const [bar1, bar2, bar3] = runs.map((r) => r.from + 3);
    // Bar 1 holds 5 green then 2 yellow then 1 grey: walking up from the axis the colours come in that order.
    expect(coloursUp(png, bar1 ?? 0, row)).toEqual([GREEN, YELLOW, GREY]);
    expect(coloursUp(png, bar2 ?? 0, row)).toEqual([GREEN, YELLOW, RED]);
    expect(coloursUp(png, bar3 ?? 0, row)).toEqual([RED]);
    expect(png.at(png.width - 5, 5)).toEqual([255, 255, 255]);
  });

  it('heights are proportional: a bar of 8 is twice as tall as a bar of 4', () => {
    const png = decode(
      renderStackedBarPng({
        ...chart,
        bars: [
          { label: '1', values: [8] },
          { label: '2', values: [4] },
        ],
      }),
    );
    const row = findAxis(png) - 3;
    const [a, b] = colourRuns(png, row).map((r) => Math.round((r.from + r.to) / 2));
    const height = (x: number): number => {
      let y = row;
      while (y > 0 && same(png.at(x, y - 1), GREEN)) y--;
      return row - y + 1;
    };
    expect(Math.abs(height(a ?? 0) - 2 * height(b ?? 0))).toBeLessThanOrEqual(3);
  });

  it('draws an empty chart (no sections) and refuses pixel data of the wrong size', () => {
    expect(() => renderStackedBarPng({ bars: [], colors: [GREEN] })).not.toThrow();
    expect(() => encodePng(2, 2, new Uint8Array(11))).toThrow(RangeError);
  });
});

function same(a: Rgb, b: Rgb): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
}

const BAR_COLOURS = [GREEN, YELLOW, RED, GREY];

/** The x-axis: the lowest long run of dark pixels in the middle column band. */
function findAxis(png: ReturnType<typeof decode>): number {
  for (let y = png.height - 1; y > 0; y--) {
    let dark = 0;
    for (let x = 0; x < png.width; x++) if (png.at(x, y)[0] < 100) dark++;
    if (dark > png.width * 0.7) return y;
  }
  throw new Error('no axis');
}

function colourRuns(png: ReturnType<typeof decode>, y: number): { color: Rgb; from: number; to: number }[] {
  const runs: { color: Rgb; from: number; to: number }[] = [];
  for (let x = 0; x < png.width; x++) {
    const c = BAR_COLOURS.find((k) => same(k, png.at(x, y)));
    const last = runs[runs.length - 1];
    if (c === undefined) continue;
    if (last !== undefined && same(last.color, c) && last.to === x - 1) last.to = x;
    else runs.push({ color: c, from: x, to: x });
  }
  return runs.filter((r) => r.to - r.from > 10);
}

/** The colours met walking up column x (near a bar's left edge, clear of its digits) from y to the bar's top. */
function coloursUp(png: ReturnType<typeof decode>, x: number, y: number): Rgb[] {
  const seen: Rgb[] = [];
  for (let yy = y; yy >= 0; yy--) {
    const c = BAR_COLOURS.find((k) => same(k, png.at(x, yy)));
    if (c === undefined) break;
    const last = seen[seen.length - 1];
    if (last === undefined || !same(last, c)) seen.push(c);
  }
  return seen;
}
