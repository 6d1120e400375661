/**
 * The ledger (任务台账): every task of the newest plan with its owners, its
 * light (from the dashboard's `tasks`, joined by task id) and its deadline;
 * a task with reasons for its light (亮灯原因) opens a row under it that lists them.
 * Filters by section, leader, unit and light, and the search words (`q`,
 * searched by the server in the tasks' text, units, leaders and targets; the
 * words marked in the text), live in the address, so a filtered ledger can be
 * bookmarked or sent, and 打印 opens the same rows as a print view. The table scrolls virtually, so
 * thousands of tasks stay responsive. Which columns show is the user's own
 * choice (a popover, remembered in this browser per user); on a phone the
 * table is a list of cards, one per task. 导出台账 downloads
 * the plan's ledger as an Excel workbook (GET /api/ledger.xlsx), in one
 * sheet or one sheet per section.
 */
import { useQuery } from '@tanstack/react-query';
import { DownloadOutlined, PrinterOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Flex, Grid, Input, Popover, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { LIGHTS, type Light, type Plan } from '../api-types';
import { sectionsQuery } from '../api/plans';
import { useLedgerRows, type LedgerRow as Row } from '../components/ledger-rows';
import { markWords, searchWords } from '../components/search-marks';
import { PlanScreen } from '../components/PlanScreen';
import { LedgerCards } from '../components/LedgerCards';
import { FromAboveTag } from '../components/FromAboveTag';
import { LightBadge } from '../components/Light';
import { LightReasons } from '../components/LightReasons';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { useT, type MessageKey } from '../i18n';
import { useMe } from '../api/session';
import { taskUnitRefs } from '../api/units';

type FilterName = 'section' | 'leader' | 'unit' | 'light';
/** How long typing rests before the search words go into the address (and to the server). */
const SEARCH_DELAY_MS = 300;

/** The narrowest the task's text column gets before the table scrolls sideways. */
const TEXT_MIN = 200;
/** The column of the buttons that open a task's reasons. */
const EXPAND_WIDTH = 36;
/** Read by screen readers, not shown: the header of that narrow column. */
const VISUALLY_HIDDEN = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

/** The columns a user may hide (the task's number always shows: it opens the task), in table order. */
const OPTIONAL_COLUMNS = ['text', 'leaders', 'hostUnits', 'coUnits', 'light', 'deadline'] as const;
type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number];
const COLUMN_LABELS: Record<OptionalColumn, MessageKey> = {
  text: 'ledger.text',
  leaders: 'ledger.leaders',
  hostUnits: 'ledger.hostUnits',
  coUnits: 'ledger.coUnits',
  light: 'ledger.light',
  deadline: 'ledger.deadline',
};

const columnsKey = (userId: number | undefined): string => `luoshi.ledger.hiddenColumns.${userId ?? 'anonymous'}`;

function readHidden(userId: number | undefined): OptionalColumn[] {
  try {
    const stored: unknown = JSON.parse(window.localStorage.getItem(columnsKey(userId)) ?? '[]');
    return Array.isArray(stored) ? OPTIONAL_COLUMNS.filter((c) => stored.includes(c)) : [];
  } catch {
    return [];
  }
}

/** The columns this user has hidden, remembered in this browser. */
function useHiddenColumns(): [OptionalColumn[], (hidden: OptionalColumn[]) => void] {
  const me = useMe();
  const userId = me.data?.user.id;
  const [state, setState] = useState<{ userId: number | undefined; hidden: OptionalColumn[] }>(() => ({ userId, hidden: readHidden(userId) }));
  const hidden = state.userId === userId ? state.hidden : readHidden(userId);
  const setHidden = (next: OptionalColumn[]): void => {
    try {
      if (next.length === 0) window.localStorage.removeItem(columnsKey(userId));
      else window.localStorage.setItem(columnsKey(userId), JSON.stringify(next));
    } catch {
      // Storage refused (private mode, full): the choice lasts until the page is left.
    }
    setState({ userId, hidden: next });
  };
  return [hidden, setHidden];
}

function useViewportHeight(): number {
  const [height, setHeight] = useState(() => window.innerHeight);
  useEffect(() => {
    const onResize = (): void => setHeight(window.innerHeight);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return height;
}

export default function LedgerPage() {
  const t = useT();
  return <PlanScreen title={t('ledger.title')}>{(plan) => <PlanLedger plan={plan} />}</PlanScreen>;
}

function PlanLedger({ plan }: { plan: Plan }) {
  const t = useT();
  const sections = useQuery(sectionsQuery(plan.id));
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const { tasks, all: rows, shown, filtered, q, searching } = useLedgerRows(plan.id, params);
  const filter = (name: FilterName): string | undefined => params.get(name) ?? undefined;
  const setFilter = (name: FilterName | 'q', value: string | undefined): void =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === undefined) next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: true },
    );

  const options = useMemo(() => {
    const leaders = new Map<number, string>();
    const units = new Map<number, string>();
    for (const task of rows) {
      for (const l of task.leaderRefs) leaders.set(l.id, l.name);
      for (const u of taskUnitRefs(task)) units.set(u.id, u.name);
    }
    const sorted = (m: Map<number, string>) =>
      [...m].map(([value, label]) => ({ value: String(value), label })).sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
    return {
      section: (sections.data?.items ?? []).map((s) => ({ value: String(s.id), label: `${s.number}、${s.title}` })),
      leader: sorted(leaders),
      unit: sorted(units),
      light: LIGHTS.map((light) => ({ value: light, label: t(`light.${light}`) })),
    };
  }, [rows, sections.data, t]);

  const [hidden, setHidden] = useHiddenColumns();
  const words = useMemo(() => searchWords(q), [q]);

  if (tasks.isPending) return <Loading />;
  if (tasks.isError) return <ErrorState error={tasks.error} retry={() => void tasks.refetch()} />;
  if (rows.length === 0) return <EmptyState title={t('state.empty')} />;

  const filters: { name: FilterName; label: string; width: number }[] = [
    { name: 'section', label: t('ledger.filter.section'), width: 220 },
    { name: 'leader', label: t('ledger.filter.leader'), width: 140 },
    { name: 'unit', label: t('ledger.filter.unit'), width: 200 },
    { name: 'light', label: t('ledger.filter.light'), width: 120 },
  ];
  const phone = screens.md === false;
  return (
    <Card size="small">
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <SearchBox initial={q ?? ''} searching={searching} onSearch={(text) => setFilter('q', text.trim() === '' ? undefined : text)} />
        {filters.map((f) => (
          <Select
            key={f.name}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={f.label}
            aria-label={f.label}
            data-testid={`filter-${f.name}`}
            style={phone ? { width: 'calc(50% - 4px)' } : { width: f.width, maxWidth: '100%' }}
            value={filter(f.name)}
            options={options[f.name]}
            onChange={(value: string | undefined) => setFilter(f.name, value)}
          />
        ))}
        {filtered ? (
          <Button type="link" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
            {t('ledger.filter.clear')}
          </Button>
        ) : null}
        <Typography.Text type="secondary" style={{ marginLeft: 'auto' }} data-testid="ledger-count">
          {filtered ? t('ledger.shown', { shown: shown.length, total: rows.length }) : t('ledger.count', { n: rows.length })}
        </Typography.Text>
        <ColumnSettings hidden={hidden} setHidden={setHidden} />
        <Link to={`/ledger/print${params.size > 0 ? `?${params.toString()}` : ''}`} data-testid="ledger-print">
          <Button icon={<PrinterOutlined />}>{t('print.print')}</Button>
        </Link>
        <ExportButton planId={plan.id} />
      </Flex>
      <LedgerTable rows={shown} hidden={hidden} words={words} />
    </Card>
  );
}

/**
 * The search words: sent when typing rests (or at Enter), so the address and
 * the list follow the words without a request per keystroke.
 */
function SearchBox({ initial, searching, onSearch }: { initial: string; searching: boolean; onSearch: (text: string) => void }) {
  const t = useT();
  const [text, setText] = useState(initial);
  const sent = useRef(initial);
  const search = useRef(onSearch);
  useEffect(() => {
    search.current = onSearch;
  }, [onSearch]);
  const send = (value: string): void => {
    sent.current = value.trim();
    search.current(value);
  };
  // Words changed elsewhere (清除筛选, the browser's back button) replace what the box holds.
  useEffect(() => {
    if (initial !== sent.current) {
      sent.current = initial;
      setText(initial);
    }
  }, [initial]);
  useEffect(() => {
    if (text.trim() === sent.current) return;
    const timer = window.setTimeout(() => send(text), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [text]);
  return (
    <Input.Search
      allowClear
      value={text}
      maxLength={200}
      loading={searching}
      placeholder={t('ledger.search.placeholder')}
      aria-label={t('ledger.search')}
      data-testid="ledger-search"
      style={{ width: 280, maxWidth: '100%' }}
      onChange={(e) => setText(e.target.value)}
      onSearch={(value) => send(value)}
    />
  );
}

/** Show or hide each column; 恢复默认 shows them all again. */
function ColumnSettings({ hidden, setHidden }: { hidden: OptionalColumn[]; setHidden: (hidden: OptionalColumn[]) => void }) {
  const t = useT();
  const content = (
    <Space orientation="vertical" size={4} data-testid="ledger-columns">
      {OPTIONAL_COLUMNS.map((column) => (
        <Checkbox
          key={column}
          checked={!hidden.includes(column)}
          onChange={(e) =>
            setHidden(e.target.checked ? hidden.filter((c) => c !== column) : OPTIONAL_COLUMNS.filter((c) => c === column || hidden.includes(c)))
          }
        >
          {t(COLUMN_LABELS[column])}
        </Checkbox>
      ))}
      <Button size="small" type="link" style={{ padding: 0 }} disabled={hidden.length === 0} onClick={() => setHidden([])}>
        {t('ledger.columns.reset')}
      </Button>
    </Space>
  );
  return (
    <Popover content={content} title={t('ledger.columns.title')} trigger="click" placement="bottomRight">
      <Button icon={<SettingOutlined />}>{t('ledger.columns')}</Button>
    </Popover>
  );
}

/** 导出台账: a plain link (the session cookie authenticates the GET), one sheet or one per section. */
function ExportButton({ planId }: { planId: number }) {
  const t = useT();
  const [bySection, setBySection] = useState(false);
  const href = `/api/ledger.xlsx?planId=${planId}&bySection=${bySection ? 'true' : 'false'}`;
  return (
    <Space size={8} wrap>
      <Checkbox checked={bySection} onChange={(e) => setBySection(e.target.checked)} data-testid="ledger-export-by-section">
        {t('ledger.export.bySection')}
      </Checkbox>
      <Button type="primary" icon={<DownloadOutlined />} href={href} download data-testid="ledger-export">
        {t('ledger.export')}
      </Button>
    </Space>
  );
}

function LedgerTable({ rows, hidden, words }: { rows: Row[]; hidden: OptionalColumn[]; words: string[] }) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const height = useViewportHeight();
  const wide = screens.xl === true;
  const medium = screens.lg === true;
  // A phone gets a card per task (components/LedgerCards.tsx); the table from 768 px up.
  if (screens.md === false) return <LedgerCards rows={rows} hidden={hidden} />;
  const list = (names: string[]) => names.join('、');
  // Fixed widths for every column but the task's text, which takes the rest (at least TEXT_MIN):
  // at 1280 px all columns fit; below 1200 px the co-units, below 992 px the leaders give way.
  const all: ColumnsType<Row> = [
    {
      title: t('ledger.key'),
      dataIndex: 'key',
      key: 'key',
      width: 76,
      fixed: 'left',
      render: (key: string, row) => <Link to={`/tasks/${row.id}`}>{key}</Link>,
    },
    {
      title: t('ledger.text'),
      dataIndex: 'text',
      key: 'text',
      ellipsis: true,
      render: (text: string, row) => (
        <>
          <FromAboveTag task={row} />
          {markWords(text, words)}
        </>
      ),
    },
    ...(medium ? [{ title: t('ledger.leaders'), dataIndex: 'leaders', key: 'leaders', width: 110, ellipsis: true, render: list }] : []),
    { title: t('ledger.hostUnits'), dataIndex: 'hostUnits', key: 'hostUnits', width: wide ? 180 : 150, ellipsis: true, render: list },
    ...(wide ? [{ title: t('ledger.coUnits'), dataIndex: 'coUnits', key: 'coUnits', width: 180, ellipsis: true, render: list }] : []),
    { title: t('ledger.light'), dataIndex: 'light', key: 'light', width: 96, render: (light: Light | null) => (light ? <LightBadge light={light} /> : '—') },
    {
      title: t('ledger.deadline'),
      dataIndex: 'deadline',
      key: 'deadline',
      width: 100,
      render: (deadline: string | null, row) => deadline ?? row.deadlineText ?? '—',
    },
  ];
  const columns = all.filter((c) => !hidden.includes(c.key as OptionalColumn));
  const fixedWidth = columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 0), 0);
  return (
    <Table<Row>
      virtual
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: EXPAND_WIDTH + fixedWidth + (hidden.includes('text') ? 0 : TEXT_MIN), y: Math.max(320, height - 340) }}
      expandable={{
        columnWidth: EXPAND_WIDTH,
        fixed: 'left',
        columnTitle: <span style={VISUALLY_HIDDEN}>{t('ledger.reasons')}</span>,
        rowExpandable: (row) => row.reasons.length > 0,
        expandedRowRender: (row) => (
          <div style={{ paddingLeft: 8 }}>
            <LightReasons reasons={row.reasons} testId={`ledger-reasons-${row.id}`} />
          </div>
        ),
        expandIcon: ({ expandable, expanded, onExpand, record }) =>
          expandable ? (
            <button
              type="button"
              className={`ant-table-row-expand-icon ant-table-row-expand-icon-${expanded ? 'expanded' : 'collapsed'}`}
              aria-label={t('ledger.reasons.expand')}
              aria-expanded={expanded}
              data-testid={`ledger-reasons-toggle-${record.id}`}
              onClick={(e) => onExpand(record, e)}
            />
          ) : null,
      }}
      locale={{ emptyText: <EmptyState title={t('ledger.noMatch')} /> }}
    />
  );
}
