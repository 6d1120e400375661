/**
 * Issue 14's set-up, done when: a bulletin generated for a plan imported from
 * the seed names the government of the notice's issuer and contains no
 * English word and no 本级. Each generated document (the bulletin's wording,
 * its .docx as a draft and as issued, the PDF where LibreOffice is installed,
 * the ledger workbook) is made after a simulated stretch of supervision, for
 * the seed and for notices of other governments read from the corpus at test
 * time, and holds:
 *
 * - no Latin word (two letters or more) but those the notice itself uses
 *   (GDP, GWh: the notice's own words, quoted);
 * - no 本级 and no number with its serial left empty (〔2026〕 号);
 * - the issuing government's name: read from the notice where its issuer says
 *   it, else as the office sets it in the first-run step (PUT /api/government),
 *   from the issuer the corpus records for the notice.
 *
 * SQLite only: the store's part (the profile) runs on both databases in
 * test/modules/government/; here the words are under test.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderBulletinDocx } from '../../src/documents/bulletin-docx.js';
import { bulletinBody } from '../../src/documents/bulletin-text.js';
import { findLibreOffice } from '../../src/documents/libreoffice.js';
import { systemActor, type Actor } from '../../src/domain/actor.js';
import { profileFromIssuer } from '../../src/domain/government-profile.js';
import { readEntries } from '../../src/importer/zip-guard.js';
import { bulletinService } from '../../src/modules/bulletin/bulletin.service.js';
import { changeGovernment, getGovernment } from '../../src/modules/government/government.service.js';
import { exportLedger } from '../../src/modules/ledger/ledger-export.service.js';
import { storeNotice } from '../../src/modules/plan/plan.service.js';
import { simulate } from '../../src/simulate/simulator.js';
import { openDatabase } from '../../src/startup/open.js';
import { openFileStore } from '../../src/store/files.js';
import { pdfText } from '../helpers/office.js';
import { hasSeed, seedPath } from '../helpers/paths.js';
import { readNotice } from '../modules/store-fixture.js';

const corpus = (name: string): string => join(seedPath, '../../corpus', name);

interface Case {
  name: string;
  path: string;
  /** The issuer the corpus records for a notice whose text does not say it whole; the office types it in. */
  truthFile?: string;
  /** The government the documents must name. */
  expected: (truthIssuer: string | null) => string;
  /** Simulated up to this day of the plan's year, and the bulletin's period. */
  until: string;
  period: string;
  pdf: boolean;
}

const CASES: Case[] = [
  { name: 'the seed', path: seedPath, expected: () => '兖州区人民政府', until: '03-31', period: '03', pdf: true },
  {
    name: 'a province’s opinion (黑龙江, 2013)',
    path: corpus('11-heilongjiang-2013.txt'),
    expected: () => '黑龙江省人民政府',
    until: '02-28',
    period: '02',
    pdf: false,
  },
  {
    name: 'a city’s plan (无锡, 2011)',
    path: corpus('16-wuxi-2011.txt'),
    truthFile: corpus('16-wuxi-2011.truth.json'),
    expected: (issuer) => profileFromIssuer(issuer)?.name ?? '（语料未记录发文机关）',
    until: '02-28',
    period: '02',
    pdf: false,
  },
  {
    name: 'a county office’s notice (嘉鱼, 2021)',
    path: corpus('08-jiayu-2021.txt'),
    truthFile: corpus('08-jiayu-2021.truth.json'),
    expected: (issuer) => profileFromIssuer(issuer)?.name ?? '（语料未记录发文机关）',
    until: '06-30',
    period: '06',
    pdf: false,
  },
];

const LATIN = /[A-Za-z]{2,}/g;
const decoder = new TextDecoder();

/** The words a .docx shows: the text runs of its body, headers and footers, and its properties (title, author). */
async function docxText(bytes: Uint8Array): Promise<string> {
  const out: string[] = [];
  for await (const [name, data] of readEntries(bytes, (n) => /^(?:word\/(?:document|header\d*|footer\d*)\.xml|docProps\/core\.xml)$/.test(n))) {
    const xml = decoder.decode(data);
    const texts = name === 'docProps/core.xml' ? [...xml.matchAll(/<(?:dc|cp):[A-Za-z]+>([^<]*)</g)] : [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)];
    out.push(texts.map((m) => m[1] ?? '').join(''));
  }
  return out.join('\n');
}

/** Every cell, sheet name and property of the workbook a person sees. */
async function workbookText(bytes: Uint8Array): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const out = [workbook.creator, workbook.title, workbook.subject, workbook.description];
  workbook.eachSheet((sheet) => {
    out.push(sheet.name);
    // A date cell shows as its number format writes it, not as JavaScript's Date string; a merged range
    // shows its first cell's text once (the cells it covers are read through it).
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.isMerged && cell.master !== cell) return;
        out.push(cell.value instanceof Date ? cell.value.toISOString().slice(0, 10) : cell.text);
      }),
    );
  });
  return out.filter((x): x is string => typeof x === 'string').join('\n');
}

function expectPlainChinese(what: string, text: string, allowed: ReadonlySet<string>): void {
  const latin = [...new Set(text.match(LATIN) ?? [])].filter((w) => !allowed.has(w));
  expect(latin, `${what}: Latin words not in the notice`).toEqual([]);
  expect(text, `${what}: 本级`).not.toContain('本级');
  expect(text, `${what}: a number without its serial`).not.toMatch(/〔\d{4}〕\s*号/);
}

describe('generated documents speak the office’s Chinese and name the government', () => {
  for (const c of CASES) {
    it.runIf(hasSeed && existsSync(c.path))(
      c.name,
      async () => {
        const dir = mkdtempSync(join(tmpdir(), 'luoshi-plain-'));
        const { store, governmentId } = await openDatabase(join(dir, 'luoshi.db'), { adminPassword: 'Adm1n-Plain-Passw0rd!', notice: () => undefined });
        try {
          const operator = systemActor(governmentId, 'test-operator');
          const notice = await readNotice(c.path);
          const text = readFileSync(c.path, 'utf8').normalize('NFKC');
          const truth = c.truthFile ? (JSON.parse(readFileSync(c.truthFile, 'utf8')) as { issuer?: string; year?: number }) : {};
          // A notice whose year the text does not give is given it by the office in the import wizard.
          const plan = notice.plan.year === null ? { ...notice.plan, year: truth.year ?? Number(/(\d{4})年/.exec(text)?.[1]) } : notice.plan;
          await storeNotice(store.db, operator, { ...notice, plan });
          const year = plan.year;
          const office: Actor = { ...operator, role: 'office' };

          // The first-run step: the office confirms what the notice says, or types in the issuer the notice leaves out.
          const read = await getGovernment(store.db, office);
          const expected = c.expected(truth.issuer ?? null);
          if (!read.profile.name.includes(expected)) {
            const given = profileFromIssuer(truth.issuer ?? null, plan.docNumber);
            if (given === null) throw new Error(`${c.name}: the corpus records no issuer naming a government`);
            await changeGovernment(store.db, office, { version: read.version, ...given });
          }

          await simulate(store.db, governmentId, { until: `${year}-${c.until}`, seed: 7 });
          const clock = () => new Date(`${year}-12-20T02:00:00Z`);
          const files = openFileStore(join(dir, 'files'));
          const soffice = c.pdf && findLibreOffice(process.env.LUOSHI_SOFFICE) !== null;
          const out = { files, warn: () => undefined, ...(soffice ? {} : { convert: () => Promise.resolve(null) }) };

          const draft = await bulletinService.createDraft(store.db, office, { period: `${year}-${c.period}` }, clock);
          const content = (await bulletinService.get(store.db, office, draft.id)).content;
          if (!content) throw new Error('the draft has no content');
          // The notice's own words, and those of its file's name, which titles a plan whose notice has no title line.
          const allowed = new Set([...(text.match(LATIN) ?? []), ...(c.path.split('/').pop()?.match(LATIN) ?? [])]);

          // The wording (what `luoshi bulletin` and the preview print), with its head and foot.
          const head = [content.mark ?? '', content.issuer, content.documentNumber, content.title, content.recipients, content.copyTo, content.printedBy];
          const wording = [
            ...head,
            ...bulletinBody(content).map((b) => ('text' in b ? b.text : 'rows' in b ? [...b.header, ...b.rows.flat()].join(' ') : '')),
          ].join('\n');
          expectPlainChinese('wording', wording, allowed);
          expect(content.issuer).toContain(expected);
          expect(content.mark).toContain(expected);
          expect(content.documentNumber).toBe('');
          if (content.openOrders.length > 0) expect(wording).toMatch(/承办单位(?:尚未签收|已签收，正在办理|已回复办理情况)/);

          const draftText = await docxText(await renderBulletinDocx(content, { draft: true }));
          expectPlainChinese('draft .docx', draftText, allowed);
          expect(draftText).toContain(expected);

          const issued = await bulletinService.issue(store.db, office, draft.id, draft.version, out, clock);
          expect(issued.documentNumber).toMatch(/^[\u4e00-\u9fa5]+〔\d{4}〕\d+号$/);
          const issuedDocx = (await bulletinService.docx(store.db, office, draft.id, out)).bytes;
          const issuedText = await docxText(issuedDocx);
          expectPlainChinese('issued .docx', issuedText, allowed);
          expect(issuedText).toContain(issued.documentNumber ?? '');
          expect(issuedText).toContain(expected);

          if (issued.hasPdf) {
            const pdf = (await pdfText((await bulletinService.pdf(store.db, office, draft.id, out)).bytes)).text;
            expectPlainChinese('PDF', pdf, allowed);
            expect(pdf.replace(/\s+/g, '')).toContain(expected);
          }

          const ledger = await exportLedger(store.db, office, {}, clock);
          expectPlainChinese('ledger workbook', await workbookText(ledger.bytes), allowed);
        } finally {
          await store.close();
        }
      },
      300_000,
    );
  }
});
