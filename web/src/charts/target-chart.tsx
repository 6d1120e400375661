/** A task's targets: completion against what time progress (or the work plan) expects by now, in its own chunk. */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import type { EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { Grid } from 'antd';
import { useMemo } from 'react';
import { useT } from '../i18n';
import { registerCharts, useChart } from './useChart';

registerCharts([BarChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export interface TargetBar {
  label: string;
  /** Shares, 0..1 (completion may pass 1); null when there is no figure. */
  completion: number | null;
  expected: number | null;
}

const pct = (share: number | null): number | null => (share === null ? null : Math.round(share * 1000) / 10);

export default function TargetChart({ rows, timeProgress }: { rows: TargetBar[]; timeProgress: number }) {
  const t = useT();
  // The first target at the top: ECharts draws a category axis from the bottom up.
  const shown = useMemo(() => [...rows].reverse(), [rows]);
  // On a phone the targets' names give the bars room, and the axis fewer ticks.
  const narrow = Grid.useBreakpoint().md === false;
  const option = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v}%` : '—') },
      legend: { bottom: 0 },
      grid: { left: 8, right: 48, top: 24, bottom: 32, containLabel: true },
      xAxis: { type: 'value', splitNumber: narrow ? 2 : 5, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: shown.map((r) => r.label), axisLabel: { width: narrow ? 96 : 180, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          name: t('task.chart.completion'),
          data: shown.map((r) => pct(r.completion)),
          itemStyle: { color: '#b71c1c' },
          label: { show: true, position: 'right', formatter: '{c}%' },
          markLine: {
            symbol: 'none',
            label: { formatter: t('task.chart.timeProgress') },
            lineStyle: { color: '#8c8c8c', type: 'dashed' },
            data: [{ xAxis: pct(timeProgress) }],
          },
        },
        { type: 'bar', name: t('task.chart.expected'), data: shown.map((r) => pct(r.expected)), itemStyle: { color: '#bfbfbf' } },
      ],
    }),
    [shown, t, timeProgress, narrow],
  );
  const ref = useChart(option);
  return (
    <div
      ref={ref}
      style={{ height: Math.max(160, rows.length * 56 + 60) }}
      role="img"
      aria-label={rows.map((r) => `${r.label} ${pct(r.completion) ?? '—'}% / ${pct(r.expected) ?? '—'}%`).join('，')}
      data-testid="target-chart"
    />
  );
}
