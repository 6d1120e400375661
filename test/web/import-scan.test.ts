/**
 * A scan in the import wizard, in Chromium: the office uploads a picture of a
 * one-task notice; the preview reads its task through OCR and says, above
 * everything else, that the text was read by OCR and is to be checked.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { expect, it } from 'vitest';
import { convertDocument } from '../../src/documents/libreoffice.js';
import { describeBrowser, OFFICE, signIn, useBrowser } from './browser.js';

const TIMEOUT = 120_000;

describeBrowser('a scan in the import wizard [browser]', () => {
  const web = useBrowser();

  it(
    'previews a scanned notice with the OCR banner on top',
    async () => {
      const para = (text: string) => new Paragraph({ children: [new TextRun({ text, size: 32, font: 'Noto Serif CJK SC' })] });
      const notice = new Document({
        sections: [
          {
            properties: { page: { size: { width: 16800, height: 5950 }, margin: { top: 600, bottom: 600, left: 700, right: 700 } } },
            children: [para('关于分解落实2026年重点任务的通知'), para('1.建设城市公园绿地。（牵头单位：区园林局；配合单位：区财政局）')],
          },
        ],
      });
      const pdf = await convertDocument(
        new Uint8Array(await Packer.toBuffer(notice)),
        'docx',
        'pdf',
        process.env.LUOSHI_SOFFICE ? { soffice: process.env.LUOSHI_SOFFICE } : {},
      );
      if (pdf === null) throw new Error('LibreOffice is not installed (.ci/run installs it)');
      const dir = await mkdtemp(join(tmpdir(), 'luoshi-scan-'));
      try {
        await writeFile(join(dir, 'notice.pdf'), pdf);
        await promisify(execFile)('pdftoppm', ['-r', '200', '-png', '-singlefile', join(dir, 'notice.pdf'), join(dir, '扫描件')]);

        const { page } = web();
        await signIn(page, OFFICE);
        await page.waitForURL('**/dashboard');
        await page.getByRole('link', { name: '导入通知' }).click();
        await page.waitForURL('**/import');
        await page.locator('input[type=file]').first().setInputFiles(join(dir, '扫描件.png'));
        await page.getByRole('button', { name: '识别并预览' }).click();
        const banner = page.getByTestId('import-ocr');
        await banner.waitFor({ timeout: 60_000 });
        expect(await banner.textContent()).toContain('请逐项核对任务、单位和指标');
        expect(await page.getByTestId('import-task-count').textContent()).toBe('1');
        // Above the plan's summary: the first thing the office reads.
        const [bannerBox, countBox] = [await banner.boundingBox(), await page.getByTestId('import-task-count').boundingBox()];
        expect(bannerBox && countBox && bannerBox.y < countBox.y).toBe(true);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    TIMEOUT,
  );
});
