/**
 * A screen about the current plan (api/plans.ts useCurrentPlan): its title, the plan's
 * title and number under it, and the body once the plan is known, with the
 * loading, error and "no plan yet" states in between; an archived plan's banner,
 * and the office's archive / restore button.
 */
import { Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Plan } from '../api-types';
import { useT } from '../i18n';
import { useCurrentPlan } from '../api/plans';
import { ArchivedPlanBanner, PlanArchiveButton } from './PlanSwitcher';
import { EmptyState, ErrorState, Loading } from './States';

export function PlanScreen({ title, children }: { title: string; children: (plan: Plan) => ReactNode }) {
  const t = useT();
  const { plans, plan } = useCurrentPlan();
  let body: ReactNode;
  if (plans.isPending) body = <Loading />;
  else if (plans.isError) body = <ErrorState error={plans.error} retry={() => void plans.refetch()} />;
  else if (!plan) body = <EmptyState title={t('state.noPlan')} hint={t('state.noPlan.hint')} />;
  else body = children(plan);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {plan ? (
        <Space wrap>
          <Typography.Text type="secondary">{[plan.title, plan.docNumber].filter(Boolean).join(' · ')}</Typography.Text>
          <PlanArchiveButton plan={plan} />
        </Space>
      ) : null}
      <ArchivedPlanBanner plan={plan} />
      {body}
    </Space>
  );
}
