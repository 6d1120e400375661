/**
 * Why a task has its light (亮灯原因): the server's reasons, one sentence
 * each with its figures, those of the task's light first. Each reason has
 * the colour of the light it stands for; notes that light nothing (an open
 * order, a broken figure) are grey. With a `limit`, the first few show and
 * the rest open on request (the dashboard's list stays short).
 */
import { Button } from 'antd';
import { useState } from 'react';
import type { Reason } from '../api-types';
import { useT } from '../i18n';
import { LIGHT_COLORS } from './light-colors';

export function LightReasons({ reasons, limit, testId }: { reasons: readonly Reason[]; limit?: number; testId?: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  if (reasons.length === 0) return null;
  const folded = limit !== undefined && reasons.length > limit;
  const shown = folded && !open ? reasons.slice(0, limit) : reasons;
  return (
    <div data-testid={testId}>
      <ul aria-label={t('reasons.title')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {shown.map((r, i) => (
          <li key={i} data-reason={r.kind} data-light={r.light} style={{ display: 'flex', alignItems: 'baseline', gap: 6, lineHeight: 1.6 }}>
            <span
              aria-hidden
              style={{ flex: 'none', width: 6, height: 6, borderRadius: 3, background: LIGHT_COLORS[r.light], transform: 'translateY(-2px)' }}
            />
            <span style={{ color: r.light === 'none' ? 'rgba(0, 0, 0, 0.45)' : undefined }}>{r.text}</span>
          </li>
        ))}
      </ul>
      {folded ? (
        <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('reasons.less') : t('reasons.more', { n: reasons.length - shown.length })}
        </Button>
      ) : null}
    </div>
  );
}
