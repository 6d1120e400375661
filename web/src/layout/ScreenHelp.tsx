/**
 * The help of the current screen (its `help` in routes.tsx): a ? button at the page's lower right that opens a
 * drawer with a few sentences on what the screen is for and the usual steps. Fixed to the corner, it takes no room
 * from the page or the header.
 */
import { QuestionCircleOutlined } from '@ant-design/icons';
import { Drawer, FloatButton, Typography } from 'antd';
import { useState } from 'react';
import { useT, type MessageKey } from '../i18n';

export default function ScreenHelp({ help }: { help: MessageKey }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <FloatButton
        icon={<QuestionCircleOutlined />}
        tooltip={t('help.open')}
        aria-label={t('help.open')}
        data-testid="screen-help"
        onClick={() => setOpen(true)}
      />
      <Drawer open={open} onClose={() => setOpen(false)} title={t('help.open')} destroyOnHidden>
        <Typography.Paragraph data-testid="screen-help-text">{t(help)}</Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('help.manual')}</Typography.Paragraph>
      </Drawer>
    </>
  );
}
