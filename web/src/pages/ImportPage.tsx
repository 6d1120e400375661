/**
 * The import wizard (督查室): upload a notice (.txt/.docx/.xlsx/.pdf, old
 * .doc/.wps/.xls, scans as .png/.jpg/.tif read by OCR; optionally a
 * unit directory JSON) → POST /api/imports/preview → the tasks by section, the
 * warnings first with the task's text beside each, the difference with the
 * plan already imported → correct host and co-units per task, and its
 * targets (retype, rename, exclude from measurement or include, split, merge,
 * add, delete: the task's whole list, components/ImportTargets.tsx) (the API's
 * `corrections.tasks`); where the notice would undo a decision (an approved
 * extension, the office's correction, a 销号) a choice per conflict, keeping
 * the decision unless the office takes the notice's value (`override`) →
 * POST /api/imports/commit → a summary with a link to the ledger.
 */
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Radio, Result, Select, Space, Steps, Table, Tag, Typography, Upload } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { messageOf } from '../api';
import type {
  ConflictOverride,
  ImportConflict,
  ImportPreview,
  ImportRequest,
  ImportWarning,
  NoticeTask,
  Plan,
  TargetCorrection,
  TaskCorrection,
} from '../api-types';
import { readImport, useCommitImport, usePreviewImport, type ImportUpload } from '../api/imports';
import { ImportTargetsModal } from '../components/ImportTargets';
import { useT } from '../i18n';
import { rememberPlan, useCurrentPlan } from '../api/plans';

const keyOf = (task: NoticeTask): string => `${task.section ?? ''}/${task.number}`;
const sameConflict = (o: ConflictOverride, c: ImportConflict): boolean =>
  o.taskNumber === c.taskNumber && o.field === c.field && (o.section ?? null) === c.section;

export default function ImportPage() {
  const t = useT();
  const [notice, setNotice] = useState<File | null>(null);
  const [units, setUnits] = useState<File | null>(null);
  const [upload, setUpload] = useState<ImportUpload | null>(null);
  const [corrections, setCorrections] = useState<Record<string, TaskCorrection>>({});
  const [readError, setReadError] = useState<string | null>(null);
  const [overrides, setOverrides] = useState<ConflictOverride[]>([]);

  const body = (u: ImportUpload, c: Record<string, TaskCorrection>, o: ConflictOverride[] = overrides): ImportRequest => {
    const tasks = Object.values(c);
    return { ...u, ...(tasks.length > 0 ? { corrections: { tasks } } : {}), ...(o.length > 0 ? { override: o } : {}) };
  };
  const choose = (c: ImportConflict, take: boolean) => {
    const others = overrides.filter((o) => !sameConflict(o, c));
    const next = take ? [...others, { taskNumber: c.taskNumber, section: c.section, field: c.field }] : others;
    setOverrides(next);
    if (upload) preview.mutate(body(upload, corrections, next));
  };
  const preview = usePreviewImport();
  const commit = useCommitImport();
  // The plan the screens showed before this import: one click away after it.
  const { plan: shown } = useCurrentPlan();
  const [previous, setPrevious] = useState<Plan | undefined>(undefined);

  const start = async () => {
    if (!notice) return;
    setReadError(null);
    let u: ImportUpload;
    try {
      u = await readImport(notice, units);
    } catch {
      setReadError(t('import.readError'));
      return;
    }
    setUpload(u);
    setCorrections({});
    setOverrides([]);
    commit.reset();
    preview.mutate(body(u, {}, []));
  };
  const correct = (task: NoticeTask, field: 'hostUnits' | 'coUnits' | 'targets', value: string[] | TargetCorrection[]) => {
    const key = keyOf(task);
    setCorrections((prev) => ({ ...prev, [key]: { ...prev[key], key, [field]: value } }));
  };
  const restart = () => {
    setUpload(null);
    setNotice(null);
    setUnits(null);
    setCorrections({});
    setOverrides([]);
    preview.reset();
    commit.reset();
  };

  const step = commit.isSuccess ? 2 : preview.isSuccess ? 1 : 0;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('import.title')}
      </Typography.Title>
      <Steps current={step} items={[{ title: t('import.step.upload') }, { title: t('import.step.preview') }, { title: t('import.step.done') }]} />
      {step === 0 ? (
        <Card size="small">
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Upload.Dragger
              accept=".txt,.md,.docx,.xlsx,.pdf,.doc,.wps,.xls,.png,.jpg,.jpeg,.tif,.tiff"
              maxCount={1}
              beforeUpload={(file) => {
                setNotice(file);
                return false;
              }}
              onRemove={() => setNotice(null)}
              fileList={notice ? [{ uid: 'notice', name: notice.name, status: 'done' }] : []}
              data-testid="import-notice"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('import.drop')}</p>
              <p className="ant-upload-hint">{t('import.drop.hint')}</p>
            </Upload.Dragger>
            <Upload
              accept=".json,application/json"
              maxCount={1}
              beforeUpload={(file) => {
                setUnits(file);
                return false;
              }}
              onRemove={() => setUnits(null)}
              fileList={units ? [{ uid: 'units', name: units.name, status: 'done' }] : []}
            >
              <Button>{t('import.units')}</Button>
            </Upload>
            {readError ? <Alert type="error" showIcon title={readError} /> : null}
            {preview.isError ? <Alert type="error" showIcon title={t('import.previewFailed')} description={messageOf(preview.error)} /> : null}
            <Button type="primary" disabled={!notice} loading={preview.isPending} onClick={() => void start()}>
              {t('import.preview')}
            </Button>
          </Space>
        </Card>
      ) : null}
      {step === 1 && preview.data && upload ? (
        <PreviewView
          preview={preview.data}
          corrections={corrections}
          onCorrect={correct}
          onChoose={choose}
          recheck={() => preview.mutate(body(upload, corrections))}
          rechecking={preview.isPending}
          commit={() => {
            // The screens keep showing the plan they showed until the user switches (a new plan never hides another).
            setPrevious(shown);
            if (shown) rememberPlan(shown.id);
            commit.mutate(body(upload, corrections));
          }}
          committing={commit.isPending}
          commitError={commit.isError ? messageOf(commit.error) : null}
          cancel={restart}
        />
      ) : null}
      {step === 2 && commit.data ? (
        <Result
          status="success"
          title={commit.data.created ? t('import.done') : t('import.unchanged')}
          subTitle={t('import.done.summary', {
            title: commit.data.title,
            version: commit.data.version,
            tasks: commit.data.tasks,
            added: commit.data.diff.tasks.added.length,
            changed: commit.data.diff.tasks.changed.length,
            removed: commit.data.diff.tasks.removed.length,
          })}
          extra={[
            <Link
              key="ledger"
              to={previous && previous.id !== commit.data.planId ? `/ledger?plan=${commit.data.planId}` : '/ledger'}
              onClick={() => rememberPlan(commit.data.planId)}
            >
              <Button type="primary" data-testid="import-switch">
                {previous && previous.id !== commit.data.planId ? t('import.switchToNew') : t('import.toLedger')}
              </Button>
            </Link>,
            ...(previous && previous.id !== commit.data.planId
              ? [
                  <Link key="previous" to={`/ledger?plan=${previous.id}`} onClick={() => rememberPlan(previous.id)}>
                    <Button data-testid="import-previous">{t('import.stayOnPrevious', { title: previous.title })}</Button>
                  </Link>,
                ]
              : []),
            <Button key="again" onClick={restart}>
              {t('import.again')}
            </Button>,
          ]}
        />
      ) : null}
    </Space>
  );
}

function PreviewView({
  preview,
  corrections,
  onCorrect,
  onChoose,
  recheck,
  rechecking,
  commit,
  committing,
  commitError,
  cancel,
}: {
  preview: ImportPreview;
  corrections: Record<string, TaskCorrection>;
  onCorrect: (task: NoticeTask, field: 'hostUnits' | 'coUnits' | 'targets', value: string[] | TargetCorrection[]) => void;
  onChoose: (conflict: ImportConflict, takeNotice: boolean) => void;
  recheck: () => void;
  rechecking: boolean;
  commit: () => void;
  committing: boolean;
  commitError: string | null;
  cancel: () => void;
}) {
  const t = useT();
  const { plan, diff } = preview;
  const unitOptions = useMemo(() => {
    const names = new Set<string>();
    for (const task of plan.tasks) for (const n of [...task.hostUnits, ...task.coUnits]) names.add(n);
    return [...names].sort((a, b) => a.localeCompare(b, 'zh-CN')).map((n) => ({ value: n, label: n }));
  }, [plan.tasks]);
  const taskOf = (w: ImportWarning): NoticeTask | undefined =>
    plan.tasks.find((task) => w.line !== null && task.line === w.line) ?? (w.task === null ? undefined : plan.tasks.find((task) => task.number === w.task));
  const warned = new Set(
    preview.warnings
      .map((w) => taskOf(w))
      .filter((x): x is NoticeTask => x !== undefined)
      .map(keyOf),
  );
  const sections = [
    ...plan.sections.map((s) => ({ number: s.number, title: s.title })),
    ...(plan.tasks.some((x) => x.section === null) ? [{ number: null, title: '' }] : []),
  ];
  const corrected = Object.keys(corrections).length;
  const [editingTargets, setEditingTargets] = useState<NoticeTask | null>(null);
  const targetsOf = (task: NoticeTask) => corrections[keyOf(task)]?.targets ?? task.targets;

  // A scan read by OCR is said first and loudly: every task, unit and figure is to be checked against the paper.
  const ocr = preview.warnings.find((w) => w.code === 'ocr');
  const listed = preview.warnings.filter((w) => w !== ocr);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {ocr ? <Alert type="error" showIcon title={t('import.ocr')} description={ocr.message} data-testid="import-ocr" /> : null}
      <Card size="small" title={plan.title ?? t('import.untitled')}>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
          <Descriptions.Item label={t('import.docNumber')}>{plan.docNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('import.tasks')}>
            <span data-testid="import-task-count">{plan.tasks.length}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('import.warnings')}>{preview.warnings.length}</Descriptions.Item>
          <Descriptions.Item label={t('import.diff')}>
            {diff.existingPlanId === null
              ? t('import.diff.new')
              : diff.sameSource
                ? t('import.diff.same')
                : t('import.diff.counts', {
                    added: diff.tasks.added.length,
                    changed: diff.tasks.changed.length,
                    removed: diff.tasks.removed.length,
                    unchanged: diff.tasks.unchanged,
                  })}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {listed.length > 0 ? (
        <Card size="small" title={t('import.warnings.title', { n: listed.length })} data-testid="import-warnings">
          <Space orientation="vertical" style={{ width: '100%' }}>
            {listed.map((w, i) => {
              const task = taskOf(w);
              return (
                <Alert
                  key={i}
                  type="warning"
                  showIcon
                  title={`${w.line === null ? '' : t('import.line', { line: w.line })} ${w.message}`}
                  description={
                    task ? <Typography.Text mark>{`${task.section ?? ''}${task.section ? '、' : ''}${task.number}. ${task.text}`}</Typography.Text> : null
                  }
                />
              );
            })}
          </Space>
        </Card>
      ) : ocr ? null : (
        <Alert type="success" showIcon title={t('import.noWarnings')} />
      )}
      {diff.conflicts.length > 0 ? (
        <Card size="small" title={t('import.conflicts.title', { n: diff.conflicts.length })} data-testid="import-conflicts">
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">{t('import.conflicts.hint')}</Typography.Text>
            {diff.conflicts.map((c) => (
              <Alert
                key={`${c.key}-${c.field}`}
                type={c.kept ? 'info' : 'warning'}
                showIcon
                title={c.message}
                action={
                  <Radio.Group
                    size="small"
                    aria-label={t('import.conflict.choice', { n: c.taskNumber })}
                    value={c.kept ? 'keep' : 'take'}
                    disabled={rechecking}
                    onChange={(e) => onChoose(c, e.target.value === 'take')}
                    options={[
                      { value: 'keep', label: t('import.conflict.keep') },
                      { value: 'take', label: t('import.conflict.take') },
                    ]}
                    optionType="button"
                  />
                }
              />
            ))}
          </Space>
        </Card>
      ) : null}
      {sections.map((section) => {
        // Host and co-units are corrected alike: a tag select per task, the correction over the importer's reading.
        const unitsColumn = (field: 'hostUnits' | 'coUnits', title: string, label: (n: string) => string) => ({
          title,
          key: field,
          width: 200,
          render: (_: unknown, task: (typeof plan.tasks)[number]) => (
            <Select
              mode="tags"
              size="small"
              style={{ width: '100%' }}
              aria-label={label(keyOf(task))}
              value={corrections[keyOf(task)]?.[field] ?? task[field]}
              options={unitOptions}
              onChange={(value: string[]) => onCorrect(task, field, value)}
            />
          ),
        });
        const tasks = plan.tasks
          .filter((x) => x.section === section.number)
          .sort((a, b) => Number(warned.has(keyOf(b))) - Number(warned.has(keyOf(a))) || a.number - b.number);
        if (tasks.length === 0) return null;
        return (
          <Card key={section.number ?? 'none'} size="small" title={section.number ? `${section.number}、${section.title}` : t('import.noSection')}>
            <Table
              size="small"
              rowKey={keyOf}
              pagination={false}
              dataSource={tasks}
              scroll={{ x: 900 }}
              rowClassName={(task) => (warned.has(keyOf(task)) ? 'import-row-warned' : '')}
              onRow={(task) => (warned.has(keyOf(task)) ? { style: { background: '#fffbe6' } } : {})}
              columns={[
                { title: t('import.col.number'), dataIndex: 'number', key: 'number', width: 60 },
                { title: t('import.col.text'), dataIndex: 'text', key: 'text' },
                { title: t('ledger.leaders'), key: 'leaders', width: 120, render: (_: unknown, task) => task.leaders.join('、') || '—' },
                unitsColumn('hostUnits', t('ledger.hostUnits'), (n) => t('import.host.label', { n })),
                unitsColumn('coUnits', t('ledger.coUnits'), (n) => t('import.co.label', { n })),
                {
                  title: t('import.col.targets'),
                  key: 'targets',
                  width: 150,
                  render: (_: unknown, task) => {
                    const list = targetsOf(task);
                    const measured = list.filter((x) => x.measured ?? (x.scope ?? 'annual') === 'annual').length;
                    return (
                      <Space orientation="vertical" size={0}>
                        <span>{t('import.targets.count', { n: list.length, measured })}</span>
                        <Button
                          size="small"
                          type="link"
                          style={{ padding: 0 }}
                          aria-label={t('import.targets.open', { key: keyOf(task) })}
                          onClick={() => setEditingTargets(task)}
                        >
                          {t('import.targets.edit')}
                        </Button>
                      </Space>
                    );
                  },
                },
              ]}
            />
          </Card>
        );
      })}
      {editingTargets ? (
        <ImportTargetsModal
          taskKey={keyOf(editingTargets)}
          targets={targetsOf(editingTargets)}
          onSave={(list) => {
            onCorrect(editingTargets, 'targets', list);
            setEditingTargets(null);
          }}
          onClose={() => setEditingTargets(null)}
        />
      ) : null}
      {commitError ? <Alert type="error" showIcon title={t('import.commitFailed')} description={commitError} /> : null}
      <Space wrap>
        <Button type="primary" loading={committing} onClick={commit} disabled={plan.tasks.length === 0}>
          {t('import.commit')}
        </Button>
        <Button onClick={recheck} loading={rechecking} disabled={corrected === 0}>
          {t('import.recheck', { n: corrected })}
        </Button>
        <Button onClick={cancel}>{t('import.cancel')}</Button>
        {corrected > 0 ? <Tag color="blue">{t('import.corrected', { n: corrected })}</Tag> : null}
      </Space>
    </Space>
  );
}
