/**
 * Loading, error and empty states, the same on every screen, in the user's
 * language; an error shows the server's message (ApiError), never a body.
 */
import type { UseQueryResult } from '@tanstack/react-query';
import { ExclamationCircleOutlined, QuestionCircleOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError, messageOf } from '../api';
import { useT } from '../i18n';

export function Loading() {
  const t = useT();
  return (
    <div role="status" style={{ display: 'flex', justifyContent: 'center', padding: 48 }}>
      <Spin description={t('state.loading')} size="large">
        <div style={{ width: 160, height: 48 }} />
      </Spin>
    </div>
  );
}

/**
 * A page-sized message with an icon. These states load with every route, so
 * they use plain elements rather than antd's Result (its illustrations) or
 * Typography (its tooltip and editing parts).
 */
function Notice({ icon, title, hint, extra }: { icon: ReactNode; title: ReactNode; hint?: ReactNode; extra?: ReactNode }) {
  return (
    <Flex vertical align="center" gap={8} style={{ padding: '48px 16px', textAlign: 'center' }} role="alert">
      <span style={{ fontSize: 48, lineHeight: 1 }}>{icon}</span>
      <h2 style={{ margin: 0, fontSize: 20, fontWeight: 600 }}>{title}</h2>
      {hint ? <span style={{ color: 'rgba(0, 0, 0, 0.45)' }}>{hint}</span> : null}
      {extra}
    </Flex>
  );
}

export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const t = useT();
  return (
    <Notice
      icon={<ExclamationCircleOutlined style={{ color: '#faad14' }} />}
      title={t('state.error')}
      hint={<span data-testid="error-message">{messageOf(error)}</span>}
      extra={retry ? <Button onClick={retry}>{t('state.retry')}</Button> : undefined}
    />
  );
}

export function EmptyState({ title, hint }: { title: string; hint?: string }) {
  return (
    <Empty
      description={
        <span>
          <strong>{title}</strong>
          {hint ? (
            <>
              <br />
              {hint}
            </>
          ) : null}
        </span>
      }
    />
  );
}

export function NotFoundState() {
  const t = useT();
  return (
    <Notice
      icon={<QuestionCircleOutlined style={{ color: '#bfbfbf' }} />}
      title={t('state.notFound')}
      hint={t('state.notFound.hint')}
      extra={<Link to="/">{t('state.backHome')}</Link>}
    />
  );
}

export function ForbiddenState() {
  const t = useT();
  return <Notice icon={<StopOutlined style={{ color: '#f5222d' }} />} title={t('state.forbidden')} extra={<Link to="/">{t('state.backHome')}</Link>} />;
}

export function CrashState() {
  const t = useT();
  return (
    <Notice
      icon={<ExclamationCircleOutlined style={{ color: '#f5222d' }} />}
      title={t('state.crashed')}
      hint={t('state.crashed.hint')}
      extra={<Button onClick={() => window.location.reload()}>{t('state.retry')}</Button>}
    />
  );
}

/** Renders a query's data, or its loading or error state; `empty` decides when there is nothing to show. */
export function QueryView<T>({
  query,
  children,
  notFound,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
  /** What to show for a 404 instead of an error (e.g. "no plan imported yet"). */
  notFound?: ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.isError) {
    if (notFound !== undefined && query.error instanceof ApiError && query.error.status === 404) return <>{notFound}</>;
    return <ErrorState error={query.error} retry={() => void query.refetch()} />;
  }
  return <>{children(query.data)}</>;
}
