/**
 * The files governments publish besides text and .docx: PDF (made here by
 * LibreOffice, as offices make them), old Word/WPS/Excel through LibreOffice,
 * and scans through tesseract. Each reads as the same plan as the text it was
 * made from; running headers, footers and page numbers stay out of the tasks;
 * a scan says it was read by OCR; a bad file is a clear ImportError.
 * LibreOffice, poppler-utils and tesseract (chi_sim) are installed by .ci/run;
 * a test fails with the install line where one is missing.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AlignmentType, Document, Footer, Header, HeadingLevel, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/domain/plan.js';
import { convertDocument, findLibreOffice } from '../../src/documents/libreoffice.js';
import { noticeConverter } from '../../src/documents/notice-converter.js';
import { ImportError, importNotice } from '../../src/importer/index.js';
import { runCli } from '../helpers/cli.js';
import { pdfText } from '../helpers/office.js';
import { hasSeed, samplePath, seedPath } from '../helpers/paths.js';

const INSTALL = 'apt-get install -y --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils tesseract-ocr tesseract-ocr-chi-sim';
const soffice = process.env.LUOSHI_SOFFICE;
const converter = noticeConverter({ soffice });
const run = promisify(execFile);

async function convert(bytes: Uint8Array, from: string, to: string, infilter?: string): Promise<Uint8Array> {
  if (findLibreOffice(soffice) === null) throw new Error(`LibreOffice is not installed (${INSTALL})`);
  const out = await convertDocument(bytes, from, to, { ...(soffice ? { soffice } : {}), ...(infilter ? { infilter } : {}) });
  if (out === null) throw new Error('LibreOffice is not installed');
  return out;
}
const textTo = (bytes: Uint8Array, to: string): Promise<Uint8Array> => convert(bytes, 'txt', to, 'Text (encoded):UTF8');

/** What a format must not change: each task's place, owners and targets, and the plan's identity and sections. */
const essence = (p: Plan) => ({
  docNumber: p.docNumber,
  title: p.title,
  sections: p.sections.map((s) => [s.number, s.title]),
  tasks: p.tasks.map((t) => ({
    number: t.number,
    section: t.section,
    text: t.text,
    leaders: t.leaders,
    hostUnits: t.hostUnits,
    coUnits: t.coUnits,
    targets: t.targets.map(({ metric, kind, value, unit }) => ({ metric, kind, value, unit })),
  })),
});

async function importError(promise: Promise<unknown>): Promise<ImportError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ImportError) return err;
    throw new Error(`expected ImportError, got ${String(err)}`, { cause: err });
  }
  throw new Error('expected ImportError, got a plan');
}

/** An OLE compound file with the given directory entries and nothing in them. */
function oleWith(names: string[]): Uint8Array {
  const bytes = new Uint8Array(512 + 512 * Math.ceil((names.length + 1) / 4));
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const view = new DataView(bytes.buffer);
  ['Root Entry', ...names].forEach((name, i) => {
    const at = 512 + i * 128;
    for (let c = 0; c < name.length; c++) view.setUint16(at + c * 2, name.charCodeAt(c), true);
    view.setUint16(at + 64, (name.length + 1) * 2, true);
    bytes[at + 66] = i === 0 ? 5 : 2;
  });
  return bytes;
}

describe.runIf(hasSeed)('the seed notice in the files offices publish', () => {
  const seed = new Uint8Array(readFileSync(seedPath));
  let text: Plan;
  beforeAll(async () => {
    text = await importNotice(seed);
  });

  it('as a PDF written by LibreOffice reads as the same 39 tasks as the text', async () => {
    const plan = await importNotice(await textTo(seed, 'pdf'));
    expect(plan.tasks).toHaveLength(39);
    expect(essence(plan)).toEqual(essence(text));
  });

  it('as .docx then PDF reads as the same tasks', async () => {
    const docx = await textTo(seed, 'docx');
    const plan = await importNotice(await convert(docx, 'docx', 'pdf'));
    expect(essence(plan)).toEqual(essence(text));
  });

  it('as an old Word .doc, and the same bytes named .wps, reads through LibreOffice as the same tasks', async () => {
    const docx = new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: paragraphsOf(new TextDecoder().decode(seed)) }] })));
    const doc = await convert(docx, 'docx', 'doc');
    expect([...doc.subarray(0, 4)]).toEqual([0xd0, 0xcf, 0x11, 0xe0]);
    expect(essence(await importNotice(doc, { converter }))).toEqual(essence(text));
    // The command line, as an office runs it on a .wps file (WPS writes Word's binary format).
    const dir = await mkdtemp(join(tmpdir(), 'luoshi-wps-'));
    try {
      await writeFile(join(dir, '通知.wps'), doc);
      const r = runCli(['import', join(dir, '通知.wps'), '--json'], { timeoutMs: 120_000 });
      expect(r.stderr).toBe('');
      expect(essence(JSON.parse(r.stdout) as Plan)).toEqual(essence(text));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses an old Word file in clear Chinese where no converter is given', async () => {
    const err = await importError(importNotice(await textTo(seed, 'doc')));
    expect(err.code).toBe('unsupported');
    expect(err.message).toContain('需要服务器安装 LibreOffice');
    expect(err.message).toContain('另存为 .docx');
  });
});

/** A notice written as text with Markdown marks, as Word paragraphs: # lines as headings, ** as bold. */
function paragraphsOf(text: string): Paragraph[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const heading = /^#+\s*/.exec(line);
      const body = line.replace(/^#+\s*/, '');
      const runs = body.split('**').map((part, i) => new TextRun({ text: part, bold: i % 2 === 1 }));
      return new Paragraph({ children: runs, ...(heading ? { heading: HeadingLevel.HEADING_2 } : {}) });
    });
}

/** The sample notice (fictional) as a Word document with a running header and page numbers in the footer. */
async function sampleWithRunningLines(): Promise<Uint8Array> {
  const children = paragraphsOf(readFileSync(samplePath('notice.txt'), 'utf8'));
  const doc = new Document({
    sections: [
      {
        headers: {
          default: new Header({
            children: [new Paragraph({ children: [new TextRun({ children: ['临河区政府工作报告任务分解（第 ', PageNumber.CURRENT, ' 页）'] })] })],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })] }),
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [new TextRun({ children: ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'] })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe('the sample notice as a PDF with running headers, footers and page numbers', () => {
  it('reads as the text does, and no header, footer or page number reaches a task', async () => {
    const pdf = await convert(await sampleWithRunningLines(), 'docx', 'pdf');
    // The running lines are there to drop: on every page, with the page's number.
    const printed = await pdfText(pdf);
    expect(printed.pages).toBeGreaterThan(2);
    expect(printed.text).toMatch(/—\s*1\s*—\s*第\s*1\s*页\s*共\s*\d+\s*页\s*\f临河区政府工作报告任务分解（第 2 页）/);
    const plan = await importNotice(pdf);
    const text = await importNotice(new Uint8Array(readFileSync(samplePath('notice.txt'))));
    expect(essence(plan)).toEqual(essence(text));
    for (const task of plan.tasks) {
      expect(task.text).not.toMatch(/任务分解（第|—\s*\d+\s*—|第\s*\d+\s*页/);
    }
  });

  it('an old Excel .xls of the sample table reads as the .xlsx does', async () => {
    const xlsx = new Uint8Array(readFileSync(samplePath('notice.xlsx')));
    const xls = await convert(xlsx, 'xlsx', 'xls');
    expect(essence(await importNotice(xls, { converter }))).toEqual(essence(await importNotice(xlsx)));
  });
});

/** A fictional two-task notice on one short page in a Song-style face, as printed notices are: what a scanner would give. */
async function scannedNotice(): Promise<{ png: Uint8Array; pdf: Uint8Array }> {
  const para = (text: string) => new Paragraph({ spacing: { after: 200 }, children: [new TextRun({ text, size: 32, font: 'Noto Serif CJK SC' })] });
  const doc = new Document({
    sections: [
      {
        properties: { page: { size: { width: 16800, height: 5950 }, margin: { top: 600, bottom: 600, left: 700, right: 700 } } },
        children: [
          para('关于分解落实重点任务的通知'),
          para('1.建设城市公园绿地。（牵头单位：区园林局；配合单位：区财政局）'),
          para('2.改造老旧小区供水管网。（牵头单位：区水务局；配合单位：区住建局）'),
        ],
      },
    ],
  });
  const rendered = await convert(new Uint8Array(await Packer.toBuffer(doc)), 'docx', 'pdf');
  if (!existsSync('/usr/bin/pdftoppm')) throw new Error(`pdftoppm is not installed (${INSTALL})`);
  const dir = await mkdtemp(join(tmpdir(), 'luoshi-scan-'));
  try {
    await writeFile(join(dir, 'page.pdf'), rendered);
    await run('pdftoppm', ['-r', '200', '-png', '-singlefile', join(dir, 'page.pdf'), join(dir, 'page')]);
    await run('pdftoppm', ['-r', '200', '-jpeg', '-singlefile', join(dir, 'page.pdf'), join(dir, 'page')]);
    const jpeg = new Uint8Array(await readFile(join(dir, 'page.jpg')));
    return { png: new Uint8Array(await readFile(join(dir, 'page.png'))), pdf: imagePdf(jpeg) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A PDF whose one page is the JPEG and nothing else: no text layer, as a scanner writes it. */
function imagePdf(jpeg: Uint8Array): Uint8Array {
  let at = 2;
  let width = 0;
  let height = 0;
  while (at < jpeg.length) {
    const marker = jpeg[at + 1] ?? 0;
    const length = ((jpeg[at + 2] ?? 0) << 8) | (jpeg[at + 3] ?? 0);
    if (marker >= 0xc0 && marker <= 0xc2) {
      height = ((jpeg[at + 5] ?? 0) << 8) | (jpeg[at + 6] ?? 0);
      width = ((jpeg[at + 7] ?? 0) << 8) | (jpeg[at + 8] ?? 0);
      break;
    }
    at += 2 + length;
  }
  const w = (width * 72) / 200;
  const h = (height * 72) / 200;
  const content = `q ${w.toFixed(2)} 0 0 ${h.toFixed(2)} 0 0 cm /Im0 Do Q`;
  const parts: (string | Uint8Array)[] = [];
  const offsets: number[] = [];
  let size = 0;
  const push = (p: string | Uint8Array) => {
    parts.push(p);
    size += typeof p === 'string' ? Buffer.byteLength(p, 'latin1') : p.length;
  };
  push('%PDF-1.4\n');
  const obj = (n: number, body: string, stream?: Uint8Array) => {
    offsets[n] = size;
    push(`${n} 0 obj\n${body}\n`);
    if (stream) {
      push('stream\n');
      push(stream);
      push('\nendstream\n');
    }
    push('endobj\n');
  };
  obj(1, '<< /Type /Catalog /Pages 2 0 R >>');
  obj(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  obj(3, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w.toFixed(2)} ${h.toFixed(2)}] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>`);
  obj(
    4,
    `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>`,
    jpeg,
  );
  obj(5, `<< /Length ${content.length} >>`, new TextEncoder().encode(content));
  const xref = size;
  push(`xref\n0 6\n0000000000 65535 f \n${[1, 2, 3, 4, 5].map((n) => `${String(offsets[n]).padStart(10, '0')} 00000 n \n`).join('')}`);
  push(`trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p)))));
}

describe('scans read by OCR', () => {
  let scan: { png: Uint8Array; pdf: Uint8Array };
  beforeAll(async () => {
    scan = await scannedNotice();
  }, 120_000);

  const expectTwoTasks = (plan: Plan) => {
    expect(plan.warnings[0]).toMatchObject({ code: 'ocr', task: null });
    expect(plan.warnings[0]?.message).toContain('OCR');
    expect(plan.tasks.map((t) => ({ number: t.number, hostUnits: t.hostUnits, coUnits: t.coUnits }))).toEqual([
      { number: 1, hostUnits: ['区园林局'], coUnits: ['区财政局'] },
      { number: 2, hostUnits: ['区水务局'], coUnits: ['区住建局'] },
    ]);
    expect(plan.tasks[0]?.text).toContain('公园');
  };

  it('a PNG image of a notice reads with its tasks, and says it was read by OCR', async () => {
    expectTwoTasks(await importNotice(scan.png, { converter }));
  }, 120_000);

  it('an image-only PDF reads the same way', async () => {
    expectTwoTasks(await importNotice(scan.pdf, { converter }));
  }, 120_000);

  it('without a converter a scan is refused, saying what to install', async () => {
    const err = await importError(importNotice(scan.png));
    expect(err.code).toBe('unsupported');
    expect(err.message).toContain('tesseract-ocr-chi-sim');
    expect((await importError(importNotice(scan.pdf))).message).toContain('tesseract');
  });
});

describe('bad files are a clear ImportError', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  const onePdf = (objects: string[]) => {
    let out = '%PDF-1.4\n';
    const offsets: number[] = [];
    objects.forEach((o, i) => {
      offsets.push(out.length);
      out += `${i + 1} 0 obj\n${o}\nendobj\n`;
    });
    const xref = out.length;
    out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
    return enc(`${out}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  };

  it('a truncated PDF', async () => {
    const pdf = await convert(readFileSync(samplePath('notice.docx')), 'docx', 'pdf');
    for (const cut of [pdf.subarray(0, pdf.length >> 1), pdf.subarray(0, 1000), enc('%PDF-1.7\n%âãÏÓ\n')]) {
      const err = await importError(importNotice(cut, { converter }));
      expect(err.code).toBe('corrupt');
      expect(err.message).toContain('PDF');
    }
  });

  it('a PDF with no pages', async () => {
    const err = await importError(importNotice(onePdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>'])));
    expect(err.code).toBe('empty');
    expect(err.message).toBe('PDF 文件中没有页面');
  });

  it('a scanned PDF longer than the OCR limit', async () => {
    const kids = Array.from({ length: 31 }, (_, i) => `${i + 3} 0 R`).join(' ');
    const pages = Array.from({ length: 31 }, () => '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] >>');
    const long = onePdf(['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${kids}] /Count 31 >>`, ...pages]);
    const err = await importError(importNotice(long, { converter }));
    expect(err.code).toBe('too_large');
    expect(err.message).toContain('31 页');
  });

  it('a blank page: no text by OCR either', async () => {
    const blank = onePdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] >>',
    ]);
    expect((await importError(importNotice(blank, { converter }))).code).toBe('empty');
  }, 60_000);

  it('an OLE file that is neither Word nor Excel, and an encrypted .docx', async () => {
    const random = await importError(importNotice(oleWith(['Contents', 'SummaryInformation']), { converter }));
    expect(random.code).toBe('unsupported');
    expect(random.message).toContain('不是 Word');
    const encrypted = await importError(importNotice(oleWith(['EncryptionInfo', 'EncryptedPackage']), { converter }));
    expect(encrypted.message).toContain('加密');
  });

  it('an OLE Word file LibreOffice cannot read', async () => {
    const err = await importError(importNotice(oleWith(['WordDocument', '1Table']), { converter }));
    expect(['corrupt', 'empty', 'unsupported']).toContain(err.code);
  }, 120_000);
});
