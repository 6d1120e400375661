/** The desk's answers: recent events of the cycle (the work plans awaiting a decision are work plans). */
import { Type } from 'typebox';
import { Literals, Nullable, Obj, RowInteger } from '../../server/http-schema.js';

export const AwaitingQuery = Obj({ awaiting: Type.Literal('me', { description: '只能为 me：待本人决定的（已提交、由本人批准的）工作方案' }) });
export const EventsQuery = Obj({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  planId: Type.Optional(RowInteger()),
  taskId: Type.Optional(RowInteger({ description: '只看这项任务的动态（任务页的时间线）' })),
});

export const DeskEventKindSchema = Literals(
  [
    'report.approve',
    'report.submit',
    'report.accept',
    'report.return',
    'workplan.approve',
    'workplan.return',
    'extension.approve',
    'extension.reject',
    'order.issue',
    'order.respond',
    'task.complete',
    'task.reopen',
    'task.update',
  ],
  { title: 'DeskEventKind' },
);

export const DeskEventSchema = Obj(
  {
    at: Type.String(),
    kind: DeskEventKindSchema,
    text: Type.String({ description: '发生了什么（中文）' }),
    taskId: Type.Integer(),
    taskNumber: Type.Integer(),
    unit: Nullable(Type.String({ description: '所涉单位（销号为第一个主办单位）' })),
    actor: Nullable(Type.String({ description: '操作人；系统为 null' })),
  },
  { title: 'DeskEvent' },
);
export const DeskEventListSchema = Obj({ items: Type.Array(DeskEventSchema) });

export const DeskItemKindSchema = Literals(['report', 'workplan', 'extension', 'target_change'], {
  title: 'DeskItemKind',
  description: 'report 进展报告，workplan 工作方案，extension 延期申请，target_change 指标调整',
});

export const DeskActionSchema = Obj(
  {
    label: Type.String({ description: '要做的事（中文），如“修改后重新报送”“填报”“审核”“报送”“采纳或退回”“决定”' }),
    link: Type.String({ description: '去做这件事的页面地址，如 /reports/12' }),
  },
  { title: 'DeskAction' },
);

export const DeskItemSchema = Obj(
  {
    kind: DeskItemKindSchema,
    id: Type.Integer({ description: '报告、工作方案、延期申请或指标调整的编号' }),
    state: Type.String({ description: '所处状态（该流程的状态名，如 draft、returned、submitted、pending）' }),
    taskId: Type.Integer(),
    taskKey: Type.String({ description: '任务编号，如“二/1”' }),
    taskText: Type.String({ description: '任务内容的开头' }),
    unit: Nullable(Type.String({ description: '所涉单位' })),
    roundId: Nullable(Type.Integer()),
    round: Nullable(Type.String({ description: '调度期次，如 2026-03' })),
    periodEnd: Nullable(Type.String({ description: '统计截止日期' })),
    dueOn: Nullable(Type.String({ description: '报送截止日期' })),
    overdueDays: Type.Integer({ minimum: 0, description: '已逾期的天数；未逾期为 0' }),
    comment: Nullable(Type.String({ description: '退回的报告：督查室的退回意见' })),
    at: Type.String({ description: '到达本人的时间（退回、审核、报送或开始调度的时间）' }),
    action: DeskActionSchema,
  },
  { title: 'DeskItem' },
);

export const DeskCountsSchema = Obj(
  {
    total: Type.Integer({ description: '待本人处理的事项数' }),
    returned: Type.Integer({ description: '其中被退回的报告' }),
    overdue: Type.Integer({ description: '其中已逾期的' }),
    my: Type.Integer({ description: '本单位工作（/my）的待办数：填报、修改、审核、报送' }),
    review: Type.Integer({ description: '审核（/review）的待办数：待采纳或退回的报告' }),
    decisions: Type.Integer({ description: '决策（/decisions）的待办数：工作方案、延期申请、指标调整' }),
  },
  { title: 'DeskCounts' },
);

export const DeskSchema = Obj(
  {
    items: Type.Array(DeskItemSchema, { description: '待本人处理的事项：退回的在前，然后逾期的、截止日期近的，同等情况下新的在前；只含进行中的调度' }),
    history: Type.Array(DeskItemSchema, { description: '本单位已处理或调度已结束的报告（最近 100 份），只供查看' }),
    counts: DeskCountsSchema,
  },
  { title: 'Desk' },
);
