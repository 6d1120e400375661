/**
 * A Word file whose decomposition stands in a table (the usual 附件 分解表)
 * reads like the same table in Excel: the table path applies to Word tables.
 */
import { readFileSync } from 'node:fs';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import type { Task } from '../../src/domain/plan.js';
import { importNotice } from '../../src/importer/index.js';
import { DOC_NUMBER, SECTIONS, TASKS, deadlineColumn, plainBody } from '../../scripts/sample-data.js';
import { samplePath } from '../helpers/paths.js';

const cell = (text: string, options: { bold?: boolean; span?: number } = {}): TableCell =>
  new TableCell({
    children: [new Paragraph({ children: [new TextRun({ text, bold: options.bold ?? false })] })],
    ...(options.span ? { columnSpan: options.span } : {}),
  });

async function wordTable(): Promise<Uint8Array> {
  const rows = [new TableRow({ children: ['序号', '重点任务', '牵头领导', '牵头单位', '配合单位', '完成时限'].map((h) => cell(h, { bold: true })) })];
  for (const section of SECTIONS) {
    const tasks = TASKS.filter((t) => t.section === section.number);
    if (tasks.length === 0) continue;
    rows.push(new TableRow({ children: [cell(`${section.number}、${section.title}`, { span: 6 })] }));
    for (const t of tasks) {
      rows.push(
        new TableRow({
          children: [String(t.number), plainBody(t), t.leaders.join('、'), t.hosts.join('、'), t.coGroups.flat().join('、'), deadlineColumn(t)].map((x) =>
            cell(x),
          ),
        }),
      );
    }
  }
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: DOC_NUMBER }),
          new Paragraph({ text: '关于印发临河区2026年政府工作报告重点任务分解表的通知' }),
          new Paragraph({ text: '各镇人民政府、街道办事处，区政府各部门：' }),
          new Paragraph({ text: '现将重点任务分解表印发给你们，请认真抓好落实。' }),
          new Table({ rows }),
          new Paragraph({ text: '临河区人民政府办公室' }),
          new Paragraph({ text: '2026年2月20日' }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

const essence = (t: Task) => ({
  number: t.number,
  section: t.section,
  text: t.text,
  leaders: t.leaders,
  hostUnits: t.hostUnits,
  coUnits: t.coUnits,
  targets: t.targets,
  deadline: t.deadline,
});

describe('a notice whose tasks stand in a Word table', () => {
  it('reads the same tasks as the Excel table, and the notice around it', async () => {
    const plan = await importNotice(await wordTable());
    const xlsx = await importNotice(new Uint8Array(readFileSync(samplePath('notice.xlsx'))));
    expect(plan.tasks.map(essence)).toEqual(xlsx.tasks.map(essence));
    expect(plan.docNumber).toBe(DOC_NUMBER);
    expect(plan.date).toBe('2026-02-20');
    expect(plan.title).toBe('关于印发临河区2026年政府工作报告重点任务分解表的通知');
    expect(plan.sections.length).toBeGreaterThan(0);
  });
});
