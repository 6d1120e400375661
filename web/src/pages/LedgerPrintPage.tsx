/**
 * The ledger's print view (/ledger/print): the rows the ledger screen shows
 * for the same address (its filters and search words), each task once, its
 * targets listed in its row, on A4 portrait or A3 landscape (`paper`), the
 * table's header repeated on every page.
 */
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { LIGHTS, type Plan } from '../api-types';
import { sectionsQuery, useCurrentPlan } from '../api/plans';
import { useLedgerRows, type LedgerRow } from '../components/ledger-rows';
import { PrintSheet } from '../components/PrintSheet';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { useT } from '../i18n';

/** A task that may take most of a page: its row may break across pages rather than leave a page blank before it. */
const mayBeLong = (task: LedgerRow): boolean => task.text.length + 20 * task.targets.length > 600;

export default function LedgerPrintPage() {
  const t = useT();
  const { plans, plan } = useCurrentPlan();
  const [params] = useSearchParams();
  const back = new URLSearchParams(params);
  back.delete('paper');
  let body;
  if (plans.isPending) body = <Loading />;
  else if (plans.isError) body = <ErrorState error={plans.error} retry={() => void plans.refetch()} />;
  else if (!plan) body = <EmptyState title={t('state.noPlan')} />;
  else body = <LedgerSheet plan={plan} params={params} />;
  return (
    <PrintSheet back={`/ledger${back.size > 0 ? `?${back.toString()}` : ''}`} backLabel={t('print.back.ledger')}>
      {body}
    </PrintSheet>
  );
}

function LedgerSheet({ plan, params }: { plan: Plan; params: URLSearchParams }) {
  const t = useT();
  const sections = useQuery(sectionsQuery(plan.id));
  const { tasks, found, shown, all, filtered } = useLedgerRows(plan.id, params);
  if (tasks.isPending || (found.isPending && params.get('q'))) return <Loading />;
  if (tasks.isError) return <ErrorState error={tasks.error} retry={() => void tasks.refetch()} />;

  // What the rows were chosen by, in words: the section's, leader's and unit's names, the light, the search words.
  const named = (id: string | null, refs: (r: LedgerRow) => { id: number; name: string }[]): string | undefined =>
    id === null ? undefined : all.flatMap(refs).find((r) => String(r.id) === id)?.name;
  const section = sections.data?.items.find((s) => String(s.id) === params.get('section'));
  const light = LIGHTS.find((l) => l === params.get('light'));
  const conditions = [
    section ? `${t('ledger.filter.section')}：${section.number}、${section.title}` : undefined,
    params.get('leader') !== null ? `${t('ledger.filter.leader')}：${named(params.get('leader'), (r) => r.leaderRefs) ?? '—'}` : undefined,
    params.get('unit') !== null
      ? `${t('ledger.filter.unit')}：${named(params.get('unit'), (r) => [...r.hostUnitRefs, ...r.coUnitRefs, ...r.hostMemberRefs, ...r.coMemberRefs]) ?? '—'}`
      : undefined,
    light !== undefined ? `${t('ledger.filter.light')}：${t(`light.${light}`)}` : undefined,
    params.get('q') ? `${t('ledger.search')}：${params.get('q')}` : undefined,
  ].filter((c) => c !== undefined);

  return (
    <>
      <h1>{t('print.ledger.title', { plan: plan.title })}</h1>
      <p className="print-sub" data-testid="print-summary">
        {[plan.docNumber, filtered ? t('ledger.shown', { shown: shown.length, total: all.length }) : t('ledger.count', { n: all.length }), ...conditions]
          .filter(Boolean)
          .join('　')}
      </p>
      {shown.length === 0 ? (
        <EmptyState title={t('ledger.noMatch')} />
      ) : (
        <table className="print-table" data-testid="print-ledger">
          <colgroup>
            <col style={{ width: '5.4em' }} />
            <col style={{ width: '33%' }} />
            <col style={{ width: '17%' }} />
            <col style={{ width: '8%' }} />
            <col style={{ width: '12%' }} />
            <col style={{ width: '10%' }} />
            <col style={{ width: '7%' }} />
            <col style={{ width: '6%' }} />
          </colgroup>
          <thead>
            <tr>
              <th>{t('ledger.key')}</th>
              <th>{t('ledger.text')}</th>
              <th>{t('task.targets')}</th>
              <th>{t('ledger.leaders')}</th>
              <th>{t('ledger.hostUnits')}</th>
              <th>{t('ledger.coUnits')}</th>
              <th>{t('ledger.deadline')}</th>
              <th>{t('ledger.light')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((task) => (
              <tr key={task.id} data-testid="print-task" className={mayBeLong(task) ? 'print-long' : undefined}>
                <td className="print-key">{task.key}</td>
                <td>{task.text}</td>
                <td>
                  {task.targets.length === 0 ? (
                    '—'
                  ) : (
                    <ul>
                      {task.targets.map((g) => (
                        <li key={g.id}>{g.text}</li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>{task.leaders.join('、') || '—'}</td>
                <td>{task.hostUnits.join('、') || '—'}</td>
                <td>{task.coUnits.join('、') || '—'}</td>
                <td>{task.deadlineText ?? task.deadline ?? '—'}</td>
                <td>{task.light ? t(`light.${task.light}`) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
