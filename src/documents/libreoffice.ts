/**
 * Converting what we write with LibreOffice headless: a bulletin's PDF beside
 * its .docx, and the tests' proof that LibreOffice opens what we write.
 * The one part of src/documents/ that runs a program; it still touches no
 * database and no server. Each conversion gets its own profile directory, so
 * two conversions at once do not share (and lock) one user installation, and
 * that profile carries the font replacements of gbt9704.ts.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { childEnvironment } from '../config.js';
import { libreOfficeFontReplacements } from './gbt9704.js';

const CANDIDATES = ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/lib/libreoffice/program/soffice', '/opt/libreoffice/program/soffice'];

/** The LibreOffice program: the configured one (LUOSHI_SOFFICE), else the usual places; null when none is installed. */
export function findLibreOffice(configured?: string): string | null {
  if (configured !== undefined && configured !== '') return existsSync(configured) ? configured : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

let fonts: Promise<Set<string>> | undefined;

/** The font families fontconfig knows (once per process); none when fc-list is missing. */
function installedFonts(): Promise<Set<string>> {
  fonts ??= new Promise((resolve) => {
    execFile('fc-list', [':', 'family'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
      resolve(
        new Set(
          error
            ? []
            : stdout
                .split(/[\n,]/)
                .map((name) => name.trim())
                .filter((name) => name !== ''),
        ),
      );
    });
  });
  return fonts;
}

export class ConversionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConversionError';
  }
}

export interface ConvertOptions {
  timeoutMs?: number;
  /** The LibreOffice program (LUOSHI_SOFFICE); the usual places when absent. */
  soffice?: string;
  /** LibreOffice's import filter, where the extension does not say enough (e.g. 'Text (encoded):UTF8' for a .txt). */
  infilter?: string;
}

/**
 * Converts a document (its bytes and extension, e.g. 'docx') to another format
 * ('pdf'). Null when LibreOffice is not installed; ConversionError when it
 * fails or gives no output within the time limit.
 */
export async function convertDocument(bytes: Uint8Array, from: string, to: string, options: ConvertOptions = {}): Promise<Uint8Array | null> {
  const soffice = findLibreOffice(options.soffice);
  if (soffice === null) return null;
  const work = await mkdtemp(join(tmpdir(), 'luoshi-convert-'));
  try {
    const input = join(work, `document.${from}`);
    await writeFile(input, bytes);
    // The profile's font replacement table: the official fonts (仿宋_GB2312…) print in the free CJK faces
    // where they are not installed, serif as serif, rather than all in the first CJK font found.
    await mkdir(join(work, 'profile', 'user'), { recursive: true });
    await writeFile(join(work, 'profile', 'user', 'registrymodifications.xcu'), libreOfficeFontReplacements(await installedFonts()));
    const profile = pathToFileURL(join(work, 'profile')).href;
    await new Promise<void>((resolve, reject) => {
      execFile(
        soffice,
        [
          `-env:UserInstallation=${profile}`,
          '--headless',
          '--norestore',
          '--nologo',
          ...(options.infilter === undefined ? [] : [`--infilter=${options.infilter}`]),
          '--convert-to',
          to,
          '--outdir',
          work,
          input,
        ],
        { timeout: options.timeoutMs ?? 120_000, env: childEnvironment({ HOME: work }) },
        (error, _stdout, stderr) => {
          if (error) reject(new ConversionError(`LibreOffice 转换失败：${error.message}${stderr ? `（${String(stderr).trim().slice(0, 300)}）` : ''}`));
          else resolve();
        },
      );
    });
    const output = join(work, `document.${to.split(':')[0] ?? to}`);
    if (!existsSync(output)) throw new ConversionError('LibreOffice 没有生成转换结果');
    return new Uint8Array(await readFile(output));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
