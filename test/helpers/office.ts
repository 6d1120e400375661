/**
 * Opening what Luoshi writes with the programs people use: LibreOffice
 * (through src/documents/libreoffice.ts) and poppler's pdftotext. Both are
 * installed by .ci/run; a test that needs them fails with the install line
 * when they are missing rather than passing without looking.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { convertDocument, findLibreOffice } from '../../src/documents/libreoffice.js';

const INSTALL = 'apt-get install -y --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils';

/** LUOSHI_SOFFICE, as `luoshi serve` would be given it. */
const soffice = process.env.LUOSHI_SOFFICE;

/** The document converted to PDF by LibreOffice headless; throws when LibreOffice is missing or fails. */
export async function toPdf(bytes: Uint8Array, from: 'docx' | 'xlsx'): Promise<Uint8Array> {
  if (findLibreOffice(soffice) === null) throw new Error(`LibreOffice is not installed (${INSTALL})`);
  const pdf = await convertDocument(bytes, from, 'pdf', { soffice });
  if (pdf === null) throw new Error('LibreOffice is not installed');
  return pdf;
}

/** Runs `read` on the PDF written to a temporary file (poppler's tools read files), then removes it. */
async function withPdfFile<T>(pdf: Uint8Array, read: (file: string) => Promise<T>): Promise<T> {
  if (!existsSync('/usr/bin/pdftotext')) throw new Error(`pdftotext is not installed (${INSTALL})`);
  const dir = await mkdtemp(join(tmpdir(), 'luoshi-pdf-'));
  try {
    const file = join(dir, 'document.pdf');
    await writeFile(file, pdf);
    return await read(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** pdftotext's text of a PDF (layout kept), and its page count and first page's size in points from pdfinfo. */
export function pdfText(pdf: Uint8Array): Promise<{ text: string; pages: number; pageSize: { width: number; height: number } }> {
  return withPdfFile(pdf, async (file) => {
    const text = await output('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']);
    const info = await output('pdfinfo', [file]);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 'NaN');
    const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info);
    return { text, pages, pageSize: { width: Number(size?.[1] ?? 'NaN'), height: Number(size?.[2] ?? 'NaN') } };
  });
}

/** A word as pdftotext -bbox places it: its page (1-based) and its box in points from the page's top left. */
export interface PdfWord {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word of a PDF with its page and box (pdftotext -bbox). */
export function pdfWords(pdf: Uint8Array): Promise<PdfWord[]> {
  return withPdfFile(pdf, async (file) => {
    const html = await output('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-']);
    const words: PdfWord[] = [];
    html
      .split('<page ')
      .slice(1)
      .forEach((page, i) => {
        for (const m of page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
          words.push({ page: i + 1, text: m[5] ?? '', xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]) });
        }
      });
    return words;
  });
}

/** An image a PDF holds (pdfimages): its page, its size in pixels and its bytes as PNG; soft masks left out. */
export interface PdfImage {
  page: number;
  width: number;
  height: number;
  png: Uint8Array;
}

/** Every image of a PDF, as poppler's pdfimages extracts it. */
export function pdfImages(pdf: Uint8Array): Promise<PdfImage[]> {
  return withPdfFile(pdf, async (file) => {
    const list = await output('pdfimages', ['-list', file]);
    const rows = list
      .split('\n')
      .slice(2)
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols.length > 4);
    const dir = await mkdtemp(join(tmpdir(), 'luoshi-images-'));
    try {
      await output('pdfimages', ['-png', file, join(dir, 'image')]);
      const names = (await readdir(dir)).sort();
      const images: PdfImage[] = [];
      rows.forEach((cols, i) => {
        const name = names[i];
        if (name === undefined) throw new Error('pdfimages wrote fewer files than it listed');
        if (cols[2] === 'image') {
          images.push({ page: Number(cols[0]), width: Number(cols[3]), height: Number(cols[4]), png: new Uint8Array(readFileSync(join(dir, name))) });
        }
      });
      return images;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

const run = promisify(execFile);

async function output(program: string, args: string[]): Promise<string> {
  const { stdout } = await run(program, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  return stdout;
}
