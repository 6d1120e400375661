/**
 * The ledger on a phone: a card per task instead of the table's row (its number,
 * which opens it, its light, deadline, text in two lines and host units), twenty
 * to a page; a task with reasons for its light opens them under its card. The
 * columns the user hid in the table stay hidden here.
 */
import { Button, Pagination, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Light, Reason, Task } from '../api-types';
import { useT } from '../i18n';
import { FromAboveTag } from './FromAboveTag';
import { LightBadge } from './Light';
import { LightReasons } from './LightReasons';
import { EmptyState } from './States';

export type LedgerCardRow = Task & { light: Light | null; reasons: Reason[] };
/** The table's columns a card shows, by the table's names. */
export type LedgerCardField = 'text' | 'hostUnits' | 'light' | 'deadline';

const PAGE_SIZE = 20;

export function LedgerCards({ rows, hidden }: { rows: LedgerCardRow[]; hidden: readonly string[] }) {
  const t = useT();
  const [page, setPage] = useState(1);
  if (rows.length === 0) return <EmptyState title={t('ledger.noMatch')} />;
  // A filter that leaves fewer pages keeps the user on the last one there is.
  const current = Math.min(page, Math.ceil(rows.length / PAGE_SIZE));
  const shown = rows.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  const show = (field: LedgerCardField): boolean => !hidden.includes(field);
  return (
    <div data-testid="ledger-cards">
      <ol style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('ledger.title')}>
        {shown.map((row) => (
          <LedgerCard key={row.id} row={row} show={show} />
        ))}
      </ol>
      {rows.length > PAGE_SIZE ? (
        <Pagination
          size="small"
          align="center"
          style={{ marginTop: 12 }}
          current={current}
          pageSize={PAGE_SIZE}
          total={rows.length}
          showSizeChanger={false}
          onChange={(next) => {
            setPage(next);
            window.scrollTo(0, 0);
          }}
        />
      ) : null}
    </div>
  );
}

function LedgerCard({ row, show }: { row: LedgerCardRow; show: (field: LedgerCardField) => boolean }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const deadline = row.deadline ?? row.deadlineText;
  return (
    <li data-testid={`ledger-card-${row.id}`} style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8 }}>
        <Link to={`/tasks/${row.id}`} style={{ fontWeight: 600 }}>
          {row.key}
        </Link>
        <FromAboveTag task={row} />
        {show('light') && row.light ? <LightBadge light={row.light} /> : null}
        {show('deadline') && deadline ? (
          <Typography.Text type="secondary" style={{ marginLeft: 'auto' }}>
            {deadline}
          </Typography.Text>
        ) : null}
      </div>
      {show('text') ? (
        <div
          title={row.text}
          style={{ marginTop: 4, display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden', lineHeight: 1.6 }}
        >
          {row.text}
        </div>
      ) : null}
      {show('hostUnits') && row.hostUnits.length > 0 ? (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 2 }}>
          {row.hostUnits.join('、')}
        </Typography.Text>
      ) : null}
      {row.reasons.length > 0 ? (
        <>
          <Button type="link" size="small" style={{ padding: 0, height: 'auto', marginTop: 2 }} aria-expanded={open} onClick={() => setOpen(!open)}>
            {t('ledger.cards.reasons', { n: row.reasons.length })}
          </Button>
          {open ? <LightReasons reasons={row.reasons} testId={`ledger-reasons-${row.id}`} /> : null}
        </>
      ) : null}
    </li>
  );
}
