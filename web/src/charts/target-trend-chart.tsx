/**
 * One target over time: each unit's accepted figures by period, their total
 * when the target adds them up, and the path planned for it (the approved
 * work plan's values, or what time progress expects at each month's end).
 * In its own chunk, as every chart.
 */
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import type { EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { useT } from '../i18n';
import { registerCharts, useChart } from './useChart';

registerCharts([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface TrendPoint {
  periodEnd: string;
  unitId: number;
  value: number | null;
}

export interface TrendProps {
  label: string;
  unit: string | null;
  combine: 'sum' | 'per_unit';
  series: readonly TrendPoint[];
  planned: readonly { on: string; value: number }[];
  unitNames: ReadonlyMap<number, string>;
}

/** Each unit's latest figure at each period end where any unit reported, added up: the target's own path when it sums. */
export function totals(series: readonly TrendPoint[]): [string, number][] {
  const latest = new Map<number, number>();
  const out: [string, number][] = [];
  const periods = [...new Set(series.map((p) => p.periodEnd))].sort();
  for (const period of periods) {
    for (const p of series) if (p.periodEnd === period && p.value !== null) latest.set(p.unitId, p.value);
    out.push([period, Math.round([...latest.values()].reduce((a, b) => a + b, 0) * 100) / 100]);
  }
  return out;
}

export default function TargetTrendChart({ label, unit, combine, series, planned, unitNames }: TrendProps) {
  const t = useT();
  const option = useMemo<EChartsCoreOption>(() => {
    const units = [...new Set(series.map((p) => p.unitId))];
    const lines: object[] = units.map((id) => ({
      type: 'line',
      name: unitNames.get(id) ?? String(id),
      data: series.filter((p) => p.unitId === id).map((p) => [p.periodEnd, p.value]),
      symbolSize: 7,
    }));
    if (combine === 'sum' && units.length > 1) lines.push({ type: 'line', name: t('task.trend.total'), data: totals(series), lineStyle: { width: 3 } });
    if (planned.length > 0)
      lines.push({
        type: 'line',
        name: t('task.trend.planned'),
        data: planned.map((p) => [p.on, p.value]),
        lineStyle: { type: 'dashed', color: '#8c8c8c' },
        itemStyle: { color: '#8c8c8c' },
        symbol: 'none',
      });
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v}${unit ?? ''}` : '—') },
      legend: { bottom: 0 },
      grid: { left: 8, right: 24, top: 16, bottom: 40, containLabel: true },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', name: unit ?? '' },
      series: lines,
    };
  }, [series, planned, unitNames, combine, unit, t]);
  const ref = useChart(option);
  const described = series.map((p) => `${unitNames.get(p.unitId) ?? ''} ${p.periodEnd} ${p.value ?? '—'}${unit ?? ''}`).join('，');
  return <div ref={ref} style={{ height: 260 }} role="img" aria-label={`${label}：${described}`} data-testid="target-trend-chart" />;
}
