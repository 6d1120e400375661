/**
 * A bulletin's preview as it prints (/bulletins/:id/print): the same body as
 * the preview (BulletinPage's Preview), nothing editable, on A4 portrait or A3
 * landscape (`paper`).
 */
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { bulletinQuery } from '../api/bulletins';
import { PrintSheet } from '../components/PrintSheet';
import { EmptyState, NotFoundState, QueryView } from '../components/States';
import { useT } from '../i18n';
import { Preview } from './BulletinPage';

export default function BulletinPrintPage() {
  const t = useT();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const query = useQuery({ ...bulletinQuery(id), enabled: valid });
  if (!valid) return <NotFoundState />;
  return (
    <PrintSheet back={`/bulletins/${id}`} backLabel={t('print.back.bulletin')}>
      <QueryView query={query} notFound={<EmptyState title={t('bulletin.notFound')} />}>
        {(bulletin) =>
          bulletin.content ? <Preview content={bulletin.content} bulletin={bulletin} editable={false} /> : <EmptyState title={t('bulletin.noContent')} />
        }
      </QueryView>
    </PrintSheet>
  );
}
