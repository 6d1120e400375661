/**
 * `luoshi bulletin --period 2026-03 --out FILE.docx [--plan ID] [--government NAME] [--db URL] [--issue]`:
 * makes a bulletin (通报) draft of the period for the current plan (or
 * --plan) from the live ledger, as the office does in the web app, and
 * writes its .docx; with --issue it issues it (numbered, kept) and writes the
 * issued one. A PDF goes beside it where LibreOffice is installed.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { systemActor } from '../domain/actor.js';
import { parsePeriod } from '../modules/bulletin/bulletin.model.js';
import type { BulletinFiles } from '../modules/bulletin/bulletin.service.js';
import { AppError } from '../modules/errors.js';
import { requireExistingDatabase } from './db-exists.js';
import { commandConfig } from './command-config.js';
import { dbOption, dbUrl } from './db-option.js';
import { governmentOption, openGovernmentDatabase } from './government-command.js';
import { CliError } from './output.js';

interface BulletinFlags {
  period: string;
  out: string;
  plan?: string;
  db?: string;
  government?: string;
  issue?: boolean;
}

function checkFlags(flags: BulletinFlags): { planId?: number } {
  if (!parsePeriod(flags.period)) throw new CliError(`通报期间无效：${flags.period}（月度写作 2026-03，季度写作 2026-Q1）`);
  if (!/\.docx$/i.test(flags.out)) throw new CliError(`输出文件应以 .docx 结尾：${flags.out}`);
  if (flags.plan === undefined) return {};
  if (!/^[1-9]\d{0,8}$/.test(flags.plan)) throw new CliError(`方案编号应为正整数：${flags.plan}`);
  return { planId: Number(flags.plan) };
}

/** The draft's PDF from LibreOffice's copy of the .docx (its chart the SVG itself, ADR 0026); null when LibreOffice is missing or fails (said on stderr). */
async function draftPdf(docx: Uint8Array, soffice: string | undefined): Promise<Uint8Array | null> {
  const { convertDocument } = await import('../documents/libreoffice.js');
  try {
    return await convertDocument(docx, 'docx', 'pdf', { soffice });
  } catch (err) {
    process.stderr.write(`luoshi: 转换 PDF 失败：${err instanceof Error ? err.message : String(err)}\n`);
    return null;
  }
}

export function registerBulletin(program: Command): void {
  program
    .command('bulletin')
    .description('通报：按期间汇总当前方案的推进情况，生成公文格式的通报（Word，装有 LibreOffice 时另附 PDF）')
    .requiredOption('--period <period>', '通报期间：月度 2026-03，季度 2026-Q1')
    .requiredOption('--out <file>', '输出的 Word 文件（.docx）；PDF 写在同一位置')
    .option('--plan <id>', '方案编号，默认最新的方案')
    .option('--issue', '直接印发（编号并存档），默认只生成草稿')
    .addOption(dbOption())
    .addOption(governmentOption())
    .action(async (flags: BulletinFlags) => {
      const config = commandConfig();
      const plan = checkFlags(flags);
      const url = dbUrl(flags, config);
      requireExistingDatabase(url);
      const [{ renderBulletinDocx }, { bulletinService }, { fileStoreFor }] = await Promise.all([
        import('../documents/bulletin-docx.js'),
        import('../modules/bulletin/bulletin.service.js'),
        import('../store/files.js'),
      ]);
      const { store, governmentId } = await openGovernmentDatabase(url, config, flags.government);
      const actor = systemActor(governmentId, 'cli');
      const out: BulletinFiles = { files: fileStoreFor(store, config.files), soffice: config.soffice, warn: (m) => process.stderr.write(`luoshi: ${m}\n`) };
      try {
        let view = await bulletinService.createDraft(store.db, actor, { ...plan, period: flags.period });
        if (flags.issue) view = await bulletinService.issue(store.db, actor, view.id, view.version, out);
        const docx = await bulletinService.docx(store.db, actor, view.id, out);
        await writeFile(flags.out, docx.bytes);
        const pdfPath = flags.out.replace(/\.docx$/i, '.pdf');
        const pdf = flags.issue
          ? view.hasPdf
            ? (await bulletinService.pdf(store.db, actor, view.id, out)).bytes
            : null
          : await draftPdf(view.content === undefined ? docx.bytes : await renderBulletinDocx(view.content, { draft: true, forPdf: true }), config.soffice);
        if (pdf !== null) await writeFile(pdfPath, pdf);
        process.stdout.write(
          [
            `${flags.issue ? `已印发通报 ${view.documentNumber ?? ''}` : '已生成通报草稿'}：${view.title}（数据截至 ${view.asOf}，通报 #${view.id}）`,
            `  Word：${flags.out}`,
            pdf !== null ? `  PDF：${pdfPath}` : '  未安装 LibreOffice（或转换失败），未生成 PDF',
          ].join('\n') + '\n',
        );
      } catch (err) {
        if (err instanceof AppError && err.status < 500) throw new CliError(err.message);
        throw err;
      } finally {
        await store.close();
      }
    });
}
