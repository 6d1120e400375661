/**
 * The importer's converter (src/importer/convert.ts) on this machine: old
 * Word/WPS/Excel files to .docx/.xlsx by LibreOffice headless
 * (libreoffice.ts), scans to text by tesseract with its Simplified Chinese
 * model, a scanned PDF's pages rendered first by poppler's pdftoppm. Each
 * program runs under a time limit in its own temporary directory, removed
 * afterwards. A missing program gives null (the importer says what to
 * install); a failure is a ConverterError with the importer's error code.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { childEnvironment } from '../config.js';
import { ConversionError, convertDocument } from './libreoffice.js';

export type LegacyKind = 'doc' | 'xls';
export type ScanKind = 'pdf' | 'png' | 'jpeg' | 'tiff';

/** Why a conversion failed, in the importer's codes (src/importer/errors.ts), with the user's message. */
export class ConverterError extends Error {
  constructor(
    readonly code: 'corrupt' | 'empty',
    message: string,
  ) {
    super(message);
    this.name = 'ConverterError';
  }
}

/** The importer's converter (src/importer/convert.ts, NoticeConverter), by shape. */
export interface NoticeConverter {
  toOpenXml(bytes: Uint8Array, kind: LegacyKind): Promise<Uint8Array | null>;
  ocr(bytes: Uint8Array, kind: ScanKind): Promise<string | null>;
}

export interface NoticeConverterOptions {
  /** The LibreOffice program (LUOSHI_SOFFICE); the usual places when absent. */
  soffice?: string | undefined;
  /** Time limit of one LibreOffice conversion. */
  officeTimeoutMs?: number;
  /** Time limit of rendering a PDF's pages, and of reading one page by OCR. */
  ocrTimeoutMs?: number;
}

/** Pages of a scanned PDF rendered at most (the importer refuses longer scans first). */
export const MAX_OCR_PAGES = 30;

/** A program found on PATH or in the usual places; null when missing. */
function findProgram(name: string): string | null {
  // The PATH the programs would be started with (config.ts is the one reader of the environment).
  const dirs = [...(childEnvironment({}).PATH ?? '').split(delimiter), '/usr/bin', '/usr/local/bin'];
  for (const dir of dirs) {
    if (dir === '') continue;
    const path = join(dir, name);
    if (existsSync(path)) return path;
  }
  return null;
}

class RunError extends Error {
  constructor(
    message: string,
    /** Killed at the time limit. */
    readonly killed: boolean,
  ) {
    super(message);
  }
}

interface Ran {
  stdout: string;
}

function run(program: string, args: string[], timeoutMs: number, cwd: string): Promise<Ran> {
  return new Promise((resolve, reject) => {
    execFile(
      program,
      args,
      // One thread: tesseract's OpenMP threads would compete with the server for the same cores.
      { cwd, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024, encoding: 'utf8', env: childEnvironment({ OMP_THREAD_LIMIT: '1' }) },
      (error, stdout) => {
        if (error) reject(new RunError(error.message, error.killed === true));
        else resolve({ stdout });
      },
    );
  });
}

const timedOut = (err: unknown): boolean => err instanceof RunError && err.killed;

let languages: Promise<string[]> | undefined;

/** tesseract's installed languages (once per process). */
function tesseractLanguages(tesseract: string): Promise<string[]> {
  languages ??= run(tesseract, ['--list-langs'], 30_000, tmpdir())
    .then((r) => r.stdout.split('\n').map((l) => l.trim()))
    .catch(() => []);
  return languages;
}

const EXTENSION: Record<ScanKind, string> = { pdf: 'pdf', png: 'png', jpeg: 'jpg', tiff: 'tif' };

export function noticeConverter(options: NoticeConverterOptions = {}): NoticeConverter {
  const ocrTimeout = options.ocrTimeoutMs ?? 120_000;
  return {
    async toOpenXml(bytes: Uint8Array, kind: LegacyKind): Promise<Uint8Array | null> {
      try {
        return await convertDocument(bytes, kind, kind === 'doc' ? 'docx' : 'xlsx', {
          ...(options.soffice === undefined ? {} : { soffice: options.soffice }),
          timeoutMs: options.officeTimeoutMs ?? 120_000,
        });
      } catch (err) {
        if (err instanceof ConversionError) {
          const what = kind === 'doc' ? '旧版 Word/WPS 文件' : '旧版 Excel 文件';
          throw new ConverterError('corrupt', `${what}无法转换（可能已损坏、加密或超时），请在 Word/WPS/Excel 中另存为 .docx/.xlsx 后再导入`);
        }
        throw err;
      }
    },

    async ocr(bytes: Uint8Array, kind: ScanKind): Promise<string | null> {
      const tesseract = findProgram('tesseract');
      if (tesseract === null || !(await tesseractLanguages(tesseract)).includes('chi_sim')) return null;
      const pdftoppm = kind === 'pdf' ? findProgram('pdftoppm') : null;
      if (kind === 'pdf' && pdftoppm === null) return null;
      const work = await mkdtemp(join(tmpdir(), 'luoshi-ocr-'));
      try {
        const input = join(work, `scan.${EXTENSION[kind]}`);
        await writeFile(input, bytes);
        let images = [input];
        if (pdftoppm !== null) {
          try {
            await run(pdftoppm, ['-r', '300', '-png', '-l', String(MAX_OCR_PAGES), input, join(work, 'page')], ocrTimeout, work);
          } catch (err) {
            throw new ConverterError('corrupt', timedOut(err) ? '扫描版 PDF 页面转换超时，请拆分后再导入' : 'PDF 文件已损坏，无法把页面转为图片');
          }
          images = (await readdir(work))
            .filter((f) => /^page-\d+\.png$/.test(f))
            .sort((a, b) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]))
            .map((f) => join(work, f));
          if (images.length === 0) throw new ConverterError('empty', 'PDF 文件中没有页面');
        }
        const pages: string[] = [];
        for (const image of images) {
          try {
            // A multi-page TIFF comes back with its pages split by form feeds, like the pages here.
            pages.push((await run(tesseract, [image, 'stdout', '-l', 'chi_sim', '-c', 'preserve_interword_spaces=1'], ocrTimeout, work)).stdout);
          } catch (err) {
            throw new ConverterError('corrupt', timedOut(err) ? '文字识别超时，请导入更清晰或更少页数的扫描件' : '扫描件无法识别（图片可能已损坏）');
          }
        }
        return pages.join('\f');
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    },
  };
}
