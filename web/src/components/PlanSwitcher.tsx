/**
 * The plan switcher (header): every plan of the government by year, the
 * archived ones in a group of their own, marked 已归档. The choice is kept
 * in this browser and in the address (`?plan=ID`); an address that names a
 * plan becomes this browser's choice. Also the archived plan's banner and the
 * office's archive / restore button.
 */
import { Alert, App as AntApp, Button, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Plan } from '../api-types';
import { chosenPlanIdNow, PLAN_PARAM, rememberPlan, useChoosePlan, useCurrentPlan, usePlanArchive } from '../api/plans';
import { can, useMe } from '../api/session';
import { formatTime } from '../format';
import { useI18n, useT } from '../i18n';
import { ConflictNotice } from './ConflictNotice';

const planLabel = (p: Plan): string => [p.title, p.docNumber].filter(Boolean).join(' · ');

export function PlanSwitcher() {
  const t = useT();
  const { plans, plan } = useCurrentPlan();
  const choose = useChoosePlan();
  const [params, setParams] = useSearchParams();
  const inAddress = params.get(PLAN_PARAM);
  const items = plans.data?.items;
  // The address names the plan the screens show, so that a link or a reload keeps it.
  useEffect(() => {
    if (!plan || !items) return;
    // A choice this browser kept of a plan this server does not have (another database) is dropped.
    const chosen = chosenPlanIdNow();
    if (chosen !== undefined && !items.some((p) => p.id === chosen)) {
      rememberPlan(undefined);
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.delete(PLAN_PARAM);
          return next;
        },
        { replace: true },
      );
      return;
    }
    if (items.length < 2) return;
    if (inAddress === String(plan.id)) {
      rememberPlan(plan.id);
      return;
    }
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set(PLAN_PARAM, String(plan.id));
        return next;
      },
      { replace: true },
    );
  }, [plan, items, inAddress, setParams]);
  if (!items || items.length === 0 || !plan) return null;
  const years = [...new Set(items.filter((p) => p.archived === null).map((p) => p.year))].sort((a, b) => b - a);
  const archived = items.filter((p) => p.archived !== null);
  const option = (p: Plan) => ({
    value: p.id,
    label: (
      <span title={planLabel(p)}>
        {p.archived ? <Tag color="default">{t('plan.switcher.archived')}</Tag> : null}
        {p.title}
        <Typography.Text type="secondary"> · {t('plan.switcher.tasks', { n: p.taskCount })}</Typography.Text>
      </span>
    ),
  });
  const options = [
    ...years.map((year) => ({
      label: t('plan.switcher.year', { year }),
      options: items.filter((p) => p.archived === null && p.year === year).map(option),
    })),
    ...(archived.length > 0 ? [{ label: t('plan.switcher.archived'), options: archived.map(option) }] : []),
  ];
  return (
    <Select
      data-testid="plan-switcher"
      aria-label={t('plan.switcher')}
      size="small"
      value={plan.id}
      options={options}
      onChange={(id: number) => choose(id)}
      popupMatchSelectWidth={false}
      style={{ maxWidth: 260, minWidth: 0 }}
      labelRender={() => (
        <span>
          {plan.archived ? `[${t('plan.switcher.archived')}] ` : ''}
          {plan.year} · {plan.title}
        </span>
      )}
    />
  );
}

/** The banner of an archived plan: read only, who archived it, when and why. */
export function ArchivedPlanBanner({ plan }: { plan: Plan | undefined }) {
  const { t, locale } = useI18n();
  if (!plan?.archived) return null;
  const { archived } = plan;
  return (
    <Alert
      data-testid="plan-archived"
      type="warning"
      showIcon
      title={t('plan.archived.banner')}
      description={t('plan.archived.detail', { who: archived.byName ?? '', at: formatTime(archived.at, locale, 'short'), reason: archived.reason })}
    />
  );
}

/** The office's button to archive the plan, or to restore an archived one, with the reason asked for. */
export function PlanArchiveButton({ plan }: { plan: Plan }) {
  const t = useT();
  const me = useMe();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const step = plan.archived ? 'restore' : 'archive';
  const mutation = usePlanArchive({
    onSuccess: () => {
      setOpen(false);
      setReason('');
      void message.success(t(step === 'archive' ? 'plan.archive.done' : 'plan.restore.done'));
    },
  });
  if (!can(me.data, 'plan.configure')) return null;
  return (
    <>
      <Button size="small" data-testid={`plan-${step}`} onClick={() => setOpen(true)}>
        {t(step === 'archive' ? 'plan.archive' : 'plan.restore')}
      </Button>
      <Modal
        open={open}
        title={t(step === 'archive' ? 'plan.archive.title' : 'plan.restore.title', { title: plan.title })}
        okButtonProps={{ disabled: reason.trim() === '', loading: mutation.isPending, ...{ 'data-testid': 'plan-archive-ok' } }}
        onOk={() => mutation.mutate({ plan, step, reason: reason.trim() })}
        onCancel={() => setOpen(false)}
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary">{t(step === 'archive' ? 'plan.archive.hint' : 'plan.restore.hint')}</Typography.Paragraph>
          <Input.TextArea
            aria-label={t('plan.archive.reason')}
            placeholder={t('plan.archive.reasonRequired')}
            value={reason}
            maxLength={2000}
            onChange={(e) => setReason(e.target.value)}
          />
          <ConflictNotice conflict={mutation.conflict} />
          {mutation.problem ? <Alert type="error" showIcon title={mutation.problem.message} /> : null}
        </Space>
      </Modal>
    </>
  );
}
