/**
 * A task's print view (/tasks/:id/print): its key, section, text, owners and
 * deadline, its light now with the reasons for it, and its targets with their
 * latest accepted figures, on A4 portrait or A3 landscape (`paper`).
 */
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import type { Task, TaskStatus } from '../api-types';
import { taskQuery, taskStatusQuery } from '../api/tasks';
import { useWorkflowLabels } from '../api/workflows';
import { PrintSheet } from '../components/PrintSheet';
import { EmptyState, NotFoundState, QueryView } from '../components/States';
import { useT } from '../i18n';

const amount = (value: number | null, unit: string | null): string => (value === null ? '—' : `${value.toLocaleString('zh-CN')}${unit ?? ''}`);
const percent = (share: number | null): string => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);

export default function TaskPrintPage() {
  const t = useT();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const task = useQuery({ ...taskQuery(id), enabled: valid });
  if (!valid) return <NotFoundState />;
  return (
    <PrintSheet back={`/tasks/${id}`} backLabel={t('print.back.task')}>
      <QueryView query={task} notFound={<EmptyState title={t('task.notFound')} />}>
        {(data) => <TaskSheet task={data} />}
      </QueryView>
    </PrintSheet>
  );
}

function TaskSheet({ task }: { task: Task }) {
  const t = useT();
  const labels = useWorkflowLabels();
  const status = useQuery(taskStatusQuery(task.id));
  const figures = new Map((status.data?.targets ?? []).map((s) => [s.targetId, s]));
  const list = (names: string[]): string => names.join('、') || '—';
  const rows: [string, string][] = [
    [t('task.section'), task.section ?? '—'],
    [t('task.status'), labels.state('task', task.status)],
    [t('ledger.leaders'), list(task.leaders)],
    [t('ledger.hostUnits'), list(task.hostUnits)],
    [t('ledger.coUnits'), list(task.coUnits)],
    [t('task.deadline'), task.deadlineText ?? task.deadline ?? '—'],
    [t('task.light'), status.data ? lightWords(t, status.data) : '—'],
  ];
  return (
    <>
      <h1 data-testid="print-task-title">{t('task.title', { key: task.key })}</h1>
      <table className="print-table" data-testid="print-task">
        <colgroup>
          <col style={{ width: '16%' }} />
          <col />
        </colgroup>
        <tbody>
          <tr>
            <th>{t('task.text')}</th>
            <td>{task.text}</td>
          </tr>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th>{label}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 style={{ fontSize: '13pt', margin: '16px 0 6px' }}>{t('task.targets')}</h2>
      {task.targets.length === 0 ? (
        <p>{t('task.none')}</p>
      ) : (
        <table className="print-table" data-testid="print-targets">
          <colgroup>
            <col style={{ width: '46%' }} />
            <col style={{ width: '18%' }} />
            <col style={{ width: '18%' }} />
            <col style={{ width: '18%' }} />
          </colgroup>
          <thead>
            <tr>
              <th>{t('task.target.text')}</th>
              <th>{t('task.target.value')}</th>
              <th>{t('task.target.actual')}</th>
              <th>{t('task.target.completion')}</th>
            </tr>
          </thead>
          <tbody>
            {task.targets.map((g) => {
              const figure = figures.get(g.id);
              return (
                <tr key={g.id}>
                  <td>{g.text}</td>
                  <td>{amount(g.value, g.unit)}</td>
                  <td>{amount(figure?.actual ?? null, g.unit)}</td>
                  <td>{percent(figure?.completion ?? null)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}

/** The light in words, then each reason for it. */
function lightWords(t: ReturnType<typeof useT>, status: TaskStatus): string {
  return [t(`light.${status.light}`), ...status.reasons.map((r) => r.text)].join('\n');
}
