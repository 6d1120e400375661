/**
 * The notice import routes read the files offices publish, on both
 * databases: a PDF with a text layer, an old Word file (through the server's
 * LibreOffice) and a scan (through its tesseract), whose preview carries the
 * `ocr` warning; the commit stores what the preview showed.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { beforeAll, expect, it } from 'vitest';
import type { Plan, Warning } from '../../src/domain/plan.js';
import { convertDocument } from '../../src/documents/libreoffice.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { samplePath } from '../helpers/paths.js';
import { call, signInAs, useApiFixture, type Session } from './api-fixture.js';

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

async function libreOffice(bytes: Uint8Array, from: string, to: string): Promise<Uint8Array> {
  const out = await convertDocument(bytes, from, to, process.env.LUOSHI_SOFFICE ? { soffice: process.env.LUOSHI_SOFFICE } : {});
  if (out === null) throw new Error('LibreOffice is not installed (apt-get install --no-install-recommends libreoffice-writer-nogui)');
  return out;
}

/** The PDF's first page as a PNG at 200 dpi (poppler's pdftoppm, installed by .ci/run). */
async function pictureOf(pdf: Uint8Array): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'luoshi-scan-'));
  try {
    await writeFile(join(dir, 'page.pdf'), pdf);
    await promisify(execFile)('pdftoppm', ['-r', '200', '-png', '-singlefile', join(dir, 'page.pdf'), join(dir, 'page')]);
    return new Uint8Array(await readFile(join(dir, 'page.png')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface Preview {
  plan: Plan;
  warnings: Warning[];
}

describeEachDatabase('importing PDF, .doc and scans through the routes', (getUrl) => {
  const fx = useApiFixture(getUrl);
  let office: Session;
  const docx = new Uint8Array(readFileSync(samplePath('notice.docx')));
  let pdf: Uint8Array;
  let doc: Uint8Array;
  beforeAll(async () => {
    office = await signInAs(fx().app, 'office');
    pdf = await libreOffice(docx, 'docx', 'pdf');
    doc = await libreOffice(docx, 'docx', 'doc');
  }, 120_000);

  const preview = async (fileName: string, bytes: Uint8Array): Promise<Preview> => {
    const res = await call(fx().app, office, 'POST', '/api/imports/preview', { fileName, content: b64(bytes) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Preview>();
  };

  it('previews a PDF and an old Word file (named .doc or .wps) as the .docx they were made from', async () => {
    const fromDocx = await preview('通知.docx', docx);
    const owners = (p: Preview) => p.plan.tasks.map((t) => [t.section, t.number, t.hostUnits, t.coUnits]);
    expect(fromDocx.plan.tasks.length).toBeGreaterThan(10);
    expect(owners(await preview('通知.doc', doc))).toEqual(owners(fromDocx));
    expect(owners(await preview('通知.wps', doc))).toEqual(owners(fromDocx));
    const fromPdf = await preview('通知.pdf', pdf);
    expect(fromPdf.plan.tasks.map((t) => [t.section, t.number])).toEqual(fromDocx.plan.tasks.map((t) => [t.section, t.number]));
    expect(fromPdf.warnings.some((w) => w.code === 'ocr')).toBe(false);
  }, 120_000);

  it('previews a scan with the ocr warning, and commits it', async () => {
    const para = (text: string) => new Paragraph({ children: [new TextRun({ text, size: 32, font: 'Noto Serif CJK SC' })] });
    const page = new Document({
      sections: [
        {
          properties: { page: { size: { width: 16800, height: 5950 }, margin: { top: 600, bottom: 600, left: 700, right: 700 } } },
          children: [para('关于分解落实2026年重点任务的通知'), para('1.建设城市公园绿地。（牵头单位：区园林局；配合单位：区财政局）')],
        },
      ],
    });
    // A scan: LibreOffice draws the page, poppler makes a picture of it.
    const drawn = await libreOffice(new Uint8Array(await Packer.toBuffer(page)), 'docx', 'pdf');
    const body = { fileName: '扫描件.png', content: b64(await pictureOf(drawn)) };
    const res = await call(fx().app, office, 'POST', '/api/imports/preview', body);
    expect(res.statusCode, res.body).toBe(200);
    const shown = res.json<Preview>();
    // The preview lists warnings by line; the whole-notice ocr warning is among them (the wizard shows it on top).
    expect(shown.warnings.filter((w) => w.code === 'ocr')).toMatchObject([{ task: null, line: null }]);
    expect(shown.plan.tasks.map((t) => [t.number, t.hostUnits, t.coUnits])).toEqual([[1, ['区园林局'], ['区财政局']]]);
    const committed = await call(fx().app, office, 'POST', '/api/imports/commit', body);
    expect(committed.statusCode, committed.body).toBe(200);
    expect(committed.json<{ tasks: number }>().tasks).toBe(1);
  }, 120_000);
});
