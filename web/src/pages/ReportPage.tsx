/**
 * The report form (进展报送): the actual cumulative value of each of the task's
 * targets, the narrative, the confidence, the milestones reached (from the
 * approved work plan), 销号, attachments; save with the version read, then
 * approve or submit as the report's own `allowedActions` allow. A host unit's
 * report shows the co-units' approved inputs to consolidate. The office may
 * void an accepted report (作废), with its reason.
 */
import { InboxOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  message as antMessage,
  Modal,
  Radio,
  Space,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { messageOf } from '../api';
import type { Confidence, ReportDetail, Task, WorkPlan } from '../api-types';
import { reportInputsQuery, reportQuery, useAttachments, useReportStep, useSaveReport, type ReportDraft, type ReportStep } from '../api/reports';
import { taskQuery } from '../api/tasks';
import type { Conflict } from '../api/versioned';
import { taskWorkPlansQuery } from '../api/workplans';
import { ConflictNotice } from '../components/ConflictNotice';
import { StateTag } from '../components/StateTag';
import { EmptyState, NotFoundState, QueryView } from '../components/States';
import { useT } from '../i18n';

const MAX_BYTES = 20 * 1024 * 1024;

type Messages = ReturnType<typeof antMessage.useMessage>[0];

export default function ReportPage() {
  const t = useT();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const report = useQuery({ ...reportQuery(id), enabled: valid });
  const [message, messageHolder] = antMessage.useMessage();
  if (!valid) return <NotFoundState />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {messageHolder}
      <Link to="/my">← {t('uw.back.my')}</Link>
      <QueryView query={report} notFound={<EmptyState title={t('uw.report.notFound')} />}>
        {(data) => <ReportLoaded report={data} message={message} />}
      </QueryView>
    </Space>
  );
}

/** The report's changes live here, above the form: the form starts again from each new version, the conflict notice stays. */
function ReportLoaded({ report, message }: { report: ReportDetail; message: Messages }) {
  const t = useT();
  const task = useQuery(taskQuery(report.taskId));
  const plans = useQuery(taskWorkPlansQuery(report.taskId));
  const onError = (error: Error) => void message.error(messageOf(error));
  const save = useSaveReport({ onSuccess: () => void message.success(t('uw.saved')), onError });
  const step = useReportStep({
    onSuccess: (_, { step: done }) =>
      void message.success(t(done === 'approve' ? 'uw.report.approved' : done === 'void' ? 'uw.report.voided' : 'uw.report.submitted')),
    onError,
  });
  const changes: Changes = {
    save: (draft) => {
      step.reset();
      save.mutate({ report, draft });
    },
    approve: () => {
      save.reset();
      step.mutate({ step: 'approve', report });
    },
    submit: () => {
      save.reset();
      step.mutate({ step: 'submit', report });
    },
    void: (reason) => {
      save.reset();
      step.mutate({ step: 'void', report, reason });
    },
    saving: save.isPending,
    stepping: step.isPending ? (step.variables?.step ?? null) : null,
    conflict: save.conflict ?? step.conflict,
  };
  return (
    <QueryView query={task}>
      {(taskData) => (
        <QueryView query={plans}>
          {(planData) => (
            <ReportForm
              key={`${report.id}-${report.version}`}
              report={report}
              task={taskData}
              plan={planData.items.find((p) => p.status === 'approved') ?? null}
              changes={changes}
              message={message}
            />
          )}
        </QueryView>
      )}
    </QueryView>
  );
}

interface Changes {
  save: (draft: ReportDraft) => void;
  approve: () => void;
  submit: () => void;
  void: (reason: string) => void;
  saving: boolean;
  stepping: ReportStep['step'] | null;
  conflict: Conflict | null;
}

interface Draft {
  progress: string;
  problems: string;
  nextSteps: string;
  confidence: Confidence | null;
  confidenceReason: string;
  proposeComplete: boolean;
  values: Record<number, number | null>;
  milestones: Record<number, string | null>;
}

const draftOf = (r: ReportDetail): Draft => ({
  progress: r.progress,
  problems: r.problems,
  nextSteps: r.nextSteps,
  confidence: r.confidence,
  confidenceReason: r.confidenceReason ?? '',
  proposeComplete: r.proposeComplete,
  values: Object.fromEntries(r.values.map((v) => [v.targetId, v.value])),
  milestones: Object.fromEntries(r.milestones.map((m) => [m.milestoneId, m.reachedOn])),
});

/** The draft as PATCH /api/reports/:id takes it (the version comes from the report the user saw). */
const draftBody = (draft: Draft): ReportDraft => ({
  progress: draft.progress,
  problems: draft.problems,
  nextSteps: draft.nextSteps,
  confidence: draft.confidence,
  confidenceReason: draft.confidence && draft.confidence !== 'on_track' ? draft.confidenceReason : null,
  proposeComplete: draft.proposeComplete,
  values: Object.entries(draft.values).flatMap(([targetId, value]) => (value === null || value === undefined ? [] : [{ targetId: Number(targetId), value }])),
  milestones: Object.entries(draft.milestones).flatMap(([milestoneId, reachedOn]) => (reachedOn ? [{ milestoneId: Number(milestoneId), reachedOn }] : [])),
});

function ReportForm({
  report,
  task,
  plan,
  changes,
  message,
}: {
  report: ReportDetail;
  task: Task;
  plan: WorkPlan | null;
  changes: Changes;
  message: Messages;
}) {
  const t = useT();
  const [draft, setDraft] = useState<Draft>(() => draftOf(report));
  const editable = report.allowedActions.includes('report.draft.write');
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const { add: upload, remove } = useAttachments(report.id, {
    onAdded: () => void message.success(t('uw.attach.done')),
    onError: (error) => void message.error(messageOf(error)),
  });
  const busy = changes.saving || changes.stepping !== null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space align="center" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('uw.report.title', { key: task.key })}
        </Typography.Title>
        <StateTag workflow="report" state={report.status} />
        <span>{report.role === 'host' ? t('uw.role.host') : t('uw.role.co')}</span>
      </Space>
      <ConflictNotice conflict={changes.conflict} />
      {report.status === 'returned' ? (
        <Alert
          type="error"
          showIcon
          title={t('uw.report.returnedBy')}
          description={[...report.events].reverse().find((e) => e.action === 'return')?.comment ?? '—'}
        />
      ) : null}
      {report.status === 'voided' ? (
        <Alert
          type="warning"
          showIcon
          title={t('uw.report.voidedBy')}
          description={[...report.events].reverse().find((e) => e.action === 'void')?.comment ?? '—'}
        />
      ) : null}
      <Card size="small" title={t('task.text')}>
        <Typography.Paragraph style={{ margin: 0 }}>{task.text}</Typography.Paragraph>
      </Card>
      <Form layout="vertical" disabled={!editable}>
        <Card size="small" title={t('uw.report.values')}>
          {task.targets.length === 0 ? (
            <EmptyState title={t('task.none')} />
          ) : (
            task.targets.map((target) => (
              <Form.Item
                key={target.id}
                label={target.text}
                htmlFor={`target-${target.id}`}
                extra={target.value !== null ? t('uw.report.targetValue', { value: `${target.value}${target.unit ?? ''}` }) : undefined}
              >
                <InputNumber
                  id={`target-${target.id}`}
                  style={{ width: 240 }}
                  value={draft.values[target.id] ?? null}
                  onChange={(v) => set('values', { ...draft.values, [target.id]: typeof v === 'number' ? v : null })}
                  suffix={target.unit ?? undefined}
                />
              </Form.Item>
            ))
          )}
        </Card>
        <Card size="small" title={t('uw.report.narrative')} style={{ marginTop: 16 }}>
          <Form.Item label={t('uw.report.progress')} htmlFor="report-progress">
            <Input.TextArea id="report-progress" rows={4} value={draft.progress} onChange={(e) => set('progress', e.target.value)} maxLength={20000} />
          </Form.Item>
          <Form.Item label={t('uw.report.problems')} htmlFor="report-problems">
            <Input.TextArea id="report-problems" rows={3} value={draft.problems} onChange={(e) => set('problems', e.target.value)} maxLength={20000} />
          </Form.Item>
          <Form.Item label={t('uw.report.nextSteps')} htmlFor="report-next">
            <Input.TextArea id="report-next" rows={3} value={draft.nextSteps} onChange={(e) => set('nextSteps', e.target.value)} maxLength={20000} />
          </Form.Item>
          <Form.Item label={t('uw.report.confidence')}>
            <Radio.Group
              value={draft.confidence}
              onChange={(e) => set('confidence', e.target.value as Confidence)}
              options={[
                { value: 'on_track', label: t('uw.confidence.on_track') },
                { value: 'at_risk', label: t('uw.confidence.at_risk') },
                { value: 'off_track', label: t('uw.confidence.off_track') },
              ]}
            />
          </Form.Item>
          {draft.confidence && draft.confidence !== 'on_track' ? (
            <Form.Item label={t('uw.report.confidenceReason')} htmlFor="report-reason" required>
              <Input.TextArea
                id="report-reason"
                rows={2}
                value={draft.confidenceReason}
                onChange={(e) => set('confidenceReason', e.target.value)}
                maxLength={2000}
              />
            </Form.Item>
          ) : null}
          <Checkbox checked={draft.proposeComplete} onChange={(e) => set('proposeComplete', e.target.checked)}>
            {t('uw.report.proposeComplete')}
          </Checkbox>
        </Card>
        <Card size="small" title={t('uw.report.milestones')} style={{ marginTop: 16 }}>
          {!plan || plan.milestones.length === 0 ? (
            <EmptyState title={t('uw.report.milestones.none')} />
          ) : (
            plan.milestones.map((m) => (
              <Form.Item key={m.id} label={`${m.dueOn} ${m.title}`} htmlFor={`milestone-${m.id}`}>
                <Input
                  id={`milestone-${m.id}`}
                  type="date"
                  style={{ width: 200 }}
                  aria-label={t('uw.report.reachedOn')}
                  value={draft.milestones[m.id] ?? ''}
                  onChange={(e) => set('milestones', { ...draft.milestones, [m.id]: e.target.value || null })}
                />
              </Form.Item>
            ))
          )}
        </Card>
      </Form>
      <Card size="small" title={t('uw.attach.title')}>
        {editable ? (
          <Upload.Dragger
            multiple
            showUploadList={false}
            disabled={upload.isPending}
            beforeUpload={(file) => {
              if (file.size > MAX_BYTES) void message.error(t('uw.attach.tooBig', { name: file.name }));
              else upload.mutate(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{t('uw.attach.drop')}</p>
            <p style={{ color: 'rgba(0,0,0,0.45)' }}>{t('uw.attach.hint')}</p>
          </Upload.Dragger>
        ) : null}
        <List
          size="small"
          dataSource={report.attachments}
          locale={{ emptyText: t('uw.attach.none') }}
          renderItem={(a) => (
            <List.Item
              actions={
                editable
                  ? [
                      <Button key="delete" size="small" danger onClick={() => remove.mutate(a.id)} loading={remove.isPending && remove.variables === a.id}>
                        {t('uw.delete')}
                      </Button>,
                    ]
                  : []
              }
            >
              <a href={`/api/attachments/${a.id}`}>{a.fileName}</a>（{(a.size / 1024).toFixed(1)} KB）
            </List.Item>
          )}
        />
      </Card>
      {report.role === 'host' ? <InputsCard reportId={report.id} task={task} /> : null}
      <Space wrap>
        {editable ? (
          <Button type="primary" onClick={() => changes.save(draftBody(draft))} loading={changes.saving} disabled={busy}>
            {t('uw.save')}
          </Button>
        ) : null}
        {report.allowedActions.includes('report.approve') ? (
          <Button onClick={changes.approve} loading={changes.stepping === 'approve'} disabled={busy}>
            {t('uw.report.approve')}
          </Button>
        ) : null}
        {report.allowedActions.includes('report.submit') ? (
          <Button type="primary" onClick={changes.submit} loading={changes.stepping === 'submit'} disabled={busy}>
            {t('uw.report.submit')}
          </Button>
        ) : null}
        {report.status === 'accepted' && report.allowedActions.includes('report.review') ? (
          <VoidButton onVoid={changes.void} loading={changes.stepping === 'void'} disabled={busy} />
        ) : null}
      </Space>
    </Space>
  );
}

/** 作废: the office says why; the reason goes into the report's timeline and the audit log. */
function VoidButton({ onVoid, loading, disabled }: { onVoid: (reason: string) => void; loading: boolean; disabled: boolean }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <>
      <Button danger onClick={() => setOpen(true)} loading={loading} disabled={disabled} data-testid="report-void">
        {t('uw.report.void')}
      </Button>
      <Modal
        open={open}
        title={t('uw.report.void.title')}
        okText={t('uw.report.void')}
        okButtonProps={{ danger: true, disabled: reason.trim() === '' }}
        onOk={() => {
          setOpen(false);
          onVoid(reason.trim());
        }}
        onCancel={() => setOpen(false)}
      >
        <Typography.Paragraph>{t('uw.report.void.hint')}</Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label={t('uw.report.void.reason')} htmlFor="report-void-reason" required>
            <Input.TextArea id="report-void-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function InputsCard({ reportId, task }: { reportId: number; task: Task }) {
  const t = useT();
  const inputs = useQuery(reportInputsQuery(reportId));
  const unitName = new Map([...task.coUnitRefs, ...task.coMemberRefs].map((u) => [u.id, u.name]));
  const targetOf = new Map(task.targets.map((x) => [x.id, x]));
  return (
    <Card size="small" title={t('uw.report.inputs')}>
      <QueryView query={inputs}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('uw.report.inputs.none')} />
          ) : (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {data.items.map((input) => (
                <Descriptions key={input.id} size="small" bordered column={1} title={unitName.get(input.unitId) ?? `#${input.unitId}`}>
                  <Descriptions.Item label={t('uw.report.progress')}>{input.progress || '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('uw.report.problems')}>{input.problems || '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('uw.report.values')}>
                    {input.values.map((v) => `${targetOf.get(v.targetId)?.text ?? v.targetId}：${v.value}${targetOf.get(v.targetId)?.unit ?? ''}`).join('；') ||
                      '—'}
                  </Descriptions.Item>
                </Descriptions>
              ))}
            </Space>
          )
        }
      </QueryView>
    </Card>
  );
}
