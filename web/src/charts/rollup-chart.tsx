/** A split target's roll-up: per lower government its share beside the value it has had accepted (bars), in its own chunk. */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import type { EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { useT } from '../i18n';
import { registerCharts, useChart } from './useChart';

registerCharts([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface RollupBar {
  government: string;
  share: number | null;
  accepted: number | null;
}

export default function RollupChart({ label, unit, bars }: { label: string; unit: string | null; bars: RollupBar[] }) {
  const t = useT();
  const option = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { bottom: 0 },
      grid: { left: 56, right: 16, top: 16, bottom: 56 },
      xAxis: { type: 'category', data: bars.map((b) => b.government), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', name: unit ?? '' },
      series: [
        { name: t('rollup.chart.share'), type: 'bar', barMaxWidth: 28, itemStyle: { color: '#91caff' }, data: bars.map((b) => b.share) },
        { name: t('rollup.chart.accepted'), type: 'bar', barMaxWidth: 28, itemStyle: { color: '#1677ff' }, data: bars.map((b) => b.accepted) },
      ],
    }),
    [bars, unit, t],
  );
  const ref = useChart(option);
  return (
    <div
      ref={ref}
      style={{ height: 220 }}
      role="img"
      aria-label={`${label}：${bars.map((b) => `${b.government} ${b.share ?? '—'}/${b.accepted ?? '—'}`).join('，')}`}
      data-testid="rollup-chart"
    />
  );
}
