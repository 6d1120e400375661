/**
 * The one way a screen tells the user that someone else changed what they
 * were changing (a version conflict, api/versioned.ts): the fresh content is
 * already shown, or a button brings it in.
 */
import { Alert, Button } from 'antd';
import type { CSSProperties } from 'react';
import type { Conflict } from '../api/versioned';
import { useT } from '../i18n';

export function ConflictNotice({
  conflict,
  title,
  testId = 'conflict',
  style,
}: {
  conflict: Conflict | null;
  title?: string;
  testId?: string;
  style?: CSSProperties;
}) {
  const t = useT();
  if (!conflict) return null;
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      title={title ?? t(conflict.reloaded ? 'conflict.reloaded' : 'conflict.stale')}
      data-testid={testId}
      {...(style ? { style } : {})}
      {...(conflict.reloaded
        ? { closable: { onClose: conflict.dismiss } }
        : {
            action: (
              <Button size="small" onClick={conflict.reload}>
                {t('conflict.reload')}
              </Button>
            ),
          })}
    />
  );
}
