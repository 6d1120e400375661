/**
 * The government switcher (header tools) of an upper office or leader: its own government and every government
 * below it (GET /api/governments). A lower government opens its page (/governments/:id: the tasks handed down to
 * it); its own government goes back to the dashboard. Shown only when there are governments below.
 */
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import type { Government, Me } from '../api-types';
import { governmentsBelow, governmentsQuery } from '../api/governments';
import { can } from '../api/session';
import { useT } from '../i18n';

export function GovernmentSwitcher({ me }: { me: Me }) {
  const allowed = can(me, 'assignment.read');
  const query = useQuery({ ...governmentsQuery(), enabled: allowed });
  if (!allowed || !query.data) return null;
  return <Switcher me={me} all={query.data.items} />;
}

function depthBelow(all: readonly Government[], id: number, own: number): number {
  let depth = 0;
  for (let g = all.find((x) => x.id === id); g && g.id !== own && g.parentId !== null; g = all.find((x) => x.id === g?.parentId)) depth += 1;
  return depth;
}

function Switcher({ me, all }: { me: Me; all: Government[] }) {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const below = governmentsBelow(all, me.governmentId);
  const own = all.find((g) => g.id === me.governmentId);
  if (below.length === 0 || !own) return null;
  const match = /^\/governments\/(\d+)/.exec(pathname);
  const shown = match ? Number(match[1]) : own.id;
  // Nearest first from the tree walk; shown in tree order, each under its parent, indented by its depth.
  const ordered: Government[] = [];
  const place = (parent: number) => {
    for (const g of below.filter((x) => x.parentId === parent)) {
      ordered.push(g);
      place(g.id);
    }
  };
  place(own.id);
  return (
    <Select
      data-testid="government-switcher"
      aria-label={t('gov.switcher')}
      size="small"
      value={shown}
      popupMatchSelectWidth={false}
      style={{ maxWidth: 200, minWidth: 0 }}
      onChange={(id: number) => void navigate(id === own.id ? '/dashboard' : `/governments/${id}`)}
      options={[
        { value: own.id, label: t('gov.switcher.own', { name: own.name }) },
        ...ordered.map((g) => ({
          value: g.id,
          label: <span style={{ paddingInlineStart: (depthBelow(all, g.id, own.id) - 1) * 12 }}>{g.name}</span>,
        })),
      ]}
      optionRender={(o) => <span data-testid={`government-option-${String(o.value)}`}>{o.label}</span>}
    />
  );
}
