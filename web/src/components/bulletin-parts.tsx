/** Pieces the bulletin screens share: status tag, download links. */
import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import type { Bulletin } from '../api-types';
import { useT } from '../i18n';
import { StateTag } from './StateTag';

export function BulletinDownloads({ bulletin }: { bulletin: Bulletin }) {
  const t = useT();
  return (
    <Space size={4} wrap>
      <Button
        size="small"
        type="link"
        icon={<FileWordOutlined />}
        href={`/api/bulletins/${bulletin.id}/docx`}
        download
        data-testid={`bulletin-docx-${bulletin.id}`}
      >
        {t('bulletin.docx')}
      </Button>
      {bulletin.hasPdf ? (
        <Button size="small" type="link" icon={<FilePdfOutlined />} href={`/api/bulletins/${bulletin.id}/pdf`} download>
          {t('bulletin.pdf')}
        </Button>
      ) : null}
    </Space>
  );
}

export function BulletinStatus({ bulletin }: { bulletin: Bulletin }) {
  return <StateTag workflow="bulletin" state={bulletin.status} />;
}
