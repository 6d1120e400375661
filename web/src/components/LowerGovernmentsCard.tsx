/**
 * The dashboard's 下级政府 card, for an upper office or leader whose government handed tasks down (GET /api/rollup):
 * per lower government the tasks it was handed, how many are done, and their lights counted, each row opening the
 * government's page.
 */
import { useQuery } from '@tanstack/react-query';
import { Card, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { LIGHTS } from '../api-types';
import { governmentRollupQuery } from '../api/governments';
import { can, useMe } from '../api/session';
import { useT } from '../i18n';
import { LIGHT_COLORS } from './light-colors';

export function LowerGovernmentsCard() {
  const t = useT();
  const allowed = can(useMe().data, 'assignment.read');
  const query = useQuery({ ...governmentRollupQuery(), enabled: allowed });
  if (!allowed || !query.data || query.data.items.length === 0) return null;
  return (
    <Card size="small" title={t('gov.card.title')} data-testid="lower-governments">
      <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {query.data.items.map((g) => (
          <li
            key={g.governmentId}
            style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}
            data-testid={`lower-government-${g.governmentId}`}
          >
            <Link to={`/governments/${g.governmentId}`} style={{ minWidth: 120, fontWeight: 600 }}>
              {g.governmentName}
            </Link>
            <Typography.Text type="secondary">{t('gov.card.tasks', { n: g.tasks, done: g.completed })}</Typography.Text>
            <span style={{ marginInlineStart: 'auto' }}>
              {LIGHTS.map((light) => (
                <Tag key={light} color={g.lights[light] > 0 ? LIGHT_COLORS[light] : 'default'} data-testid={`lower-${g.governmentId}-${light}`}>
                  {t(`light.${light}`)} {g.lights[light]}
                </Tag>
              ))}
            </span>
          </li>
        ))}
      </ol>
    </Card>
  );
}
