/**
 * Converting what we write with LibreOffice headless: a bulletin's PDF beside
 * its .docx, and the tests' proof that LibreOffice opens what we write.
 * The one part of src/documents/ that runs a program; it still touches no
 * database and no server. Each conversion gets its own profile directory, so
 * two conversions at once do not share (and lock) one user installation.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const CANDIDATES = ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/lib/libreoffice/program/soffice', '/opt/libreoffice/program/soffice'];

/** The LibreOffice program: LUOSHI_SOFFICE, else the usual places; null when none is installed. */
export function findLibreOffice(): string | null {
  const configured = process.env.LUOSHI_SOFFICE;
  if (configured !== undefined && configured !== '') return existsSync(configured) ? configured : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export class ConversionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConversionError';
  }
}

/**
 * Converts a document (its bytes and extension, e.g. 'docx') to another format
 * ('pdf'). Null when LibreOffice is not installed; ConversionError when it
 * fails or gives no output within the time limit.
 */
export async function convertDocument(bytes: Uint8Array, from: string, to: string, options: { timeoutMs?: number } = {}): Promise<Uint8Array | null> {
  const soffice = findLibreOffice();
  if (soffice === null) return null;
  const work = await mkdtemp(join(tmpdir(), 'luoshi-convert-'));
  try {
    const input = join(work, `document.${from}`);
    await writeFile(input, bytes);
    const profile = pathToFileURL(join(work, 'profile')).href;
    await new Promise<void>((resolve, reject) => {
      execFile(
        soffice,
        [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--nologo', '--convert-to', to, '--outdir', work, input],
        { timeout: options.timeoutMs ?? 120_000, env: { ...process.env, HOME: work } },
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
