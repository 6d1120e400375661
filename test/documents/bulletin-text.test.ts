/**
 * The bulletin's words for its lagging tasks: a task that carries the reasons
 * of its light is named with them, each with its figures, in one sentence
 * after its units; a draft made before reasons were kept still reads as it did.
 */
import { describe, expect, it } from 'vitest';
import type { BulletinContent, BulletinTask } from '../../src/documents/bulletin-content.js';
import { bulletinBody } from '../../src/documents/bulletin-text.js';
import { sampleBulletin } from './bulletin-sample.js';

const paragraphs = (content: BulletinContent): string[] => bulletinBody(content).flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));

const first = (): BulletinTask => {
  const t = sampleBulletin.lagging[0];
  if (t === undefined) throw new Error('the sample has lagging tasks');
  return t;
};

describe('the bulletin text of a lagging task', () => {
  it('names the reasons of its light, with their figures', () => {
    const task: BulletinTask = {
      ...first(),
      reasons: [
        '节点“锂电正极材料二期项目取得环评批复”应于 3月15日前完成，尚未完成',
        '区工业和信息化局的3月份进展报告应于 4月5日前报送，逾期未报',
        '“年内新增营收18亿元”完成 1 亿元，为目标的 5.6%，落后时序进度 20.7 个百分点',
      ],
    };
    const text = paragraphs({ ...sampleBulletin, lagging: [task] });
    expect(text).toContain(
      `1.第${task.number}项“${task.title}”（主办单位：区工业和信息化局；牵头领导：闵晓川）。` +
        '节点“锂电正极材料二期项目取得环评批复”应于 3月15日前完成，尚未完成；' +
        '区工业和信息化局的3月份进展报告应于 4月5日前报送，逾期未报；' +
        '“年内新增营收18亿元”完成 1 亿元，为目标的 5.6%，落后时序进度 20.7 个百分点。',
    );
    // The reasons say what the progress phrase and the clerk's reason would: neither is repeated.
    expect(text.join('\n')).not.toContain(task.progress ?? '—');
  });

  it('reads an older draft without reasons as before: its progress, then its reason', () => {
    const task = first();
    const text = paragraphs({ ...sampleBulletin, lagging: [task] });
    expect(text).toContain(`1.第${task.number}项“${task.title}”（主办单位：区工业和信息化局；牵头领导：闵晓川）。完成 12%，时间进度 25%。${task.reason}`);
    expect(paragraphs({ ...sampleBulletin, lagging: [{ ...task, reasons: [] }] })).toContain(text.find((p) => p.startsWith('1.第')));
  });
});
