/** The shape the desk's events leave the server in: a line a clerk reads, and where it happened. */
import type { Static } from 'typebox';
import { GRADE_LABELS, ORDER_GRADES } from '../order/order.model.js';
import type { DeskEventKindSchema, DeskEventSchema } from './desk.schema.js';
import type { EventRow } from './desk.repository.js';

export type DeskEventKind = Static<typeof DeskEventKindSchema>;

/** A line of the desk: what happened, in Chinese, and where. */
export type DeskEvent = Static<typeof DeskEventSchema>;

const short = (text: string | null, max = 60): string => {
  const t = (text ?? '').trim().replace(/\s+/g, ' ');
  return t.length > max ? `${t.slice(0, max)}…` : t;
};

function describe(row: EventRow): { kind: DeskEventKind; text: string } {
  const unit = row.unit ?? '';
  switch (row.source) {
    case 'report': {
      const what = `${unit}的${row.roundLabel}进展报告`;
      switch (row.action) {
        case 'approve':
          return { kind: 'report.approve', text: `${what}已经单位审核` };
        case 'submit':
          return { kind: 'report.submit', text: `${unit}报送了${row.roundLabel}进展报告` };
        case 'accept':
          return { kind: 'report.accept', text: `${what}已被督查室采纳` };
        case 'return': {
          const comment = short(row.comment);
          return { kind: 'report.return', text: comment === '' ? `${what}被退回` : `${what}被退回：${comment}` };
        }
      }
      break;
    }
    case 'workplan': {
      const what = `${unit}的工作方案第 ${row.revision} 版`;
      if (row.status === 'returned') {
        const comment = short(row.comment);
        return { kind: 'workplan.return', text: comment === '' ? `${what}被退回` : `${what}被退回：${comment}` };
      }
      return { kind: 'workplan.approve', text: `${what}已批准` };
    }
    case 'extension':
      return row.status === 'approved'
        ? { kind: 'extension.approve', text: `${unit}的延期申请已批准，完成时限改为 ${row.toDeadline}` }
        : { kind: 'extension.reject', text: `${unit}的延期申请未获批准` };
    case 'order': {
      const grade = ORDER_GRADES.find((g) => g === row.grade);
      const name = `督办〔${row.year}〕第 ${row.serial} 号${grade ? `（${GRADE_LABELS[grade]}）` : ''}`;
      return row.step === 'issue' ? { kind: 'order.issue', text: `向${unit}下发${name}` } : { kind: 'order.respond', text: `${unit}答复了${name}` };
    }
    case 'task':
      if (row.action === 'reopen') return { kind: 'task.reopen', text: '已销号的任务恢复督办' };
      if (row.action === 'update') return { kind: 'task.update', text: '任务内容或完成时限已修改' };
      return { kind: 'task.complete', text: '任务已销号' };
  }
}

export const presentEvent = (row: EventRow): DeskEvent => ({
  at: row.at,
  ...describe(row),
  taskId: row.taskId,
  taskNumber: row.taskNumber,
  unit: row.unit,
  actor: row.actor,
});
