/** The assessment ranking as horizontal bars, in its own chunk with the ECharts parts it draws with. */
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import type { EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import type { RankingRow } from '../api-types';
import { useT } from '../i18n';
import { registerCharts, useChart } from './useChart';

registerCharts([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export type RankingBar = Pick<RankingRow, 'unitId' | 'unitName' | 'total'>;

export function RankingBars({ rows }: { rows: RankingBar[] }) {
  const t = useT();
  // Best at the top: ECharts draws a category axis from the bottom up.
  const shown = useMemo(() => [...rows].reverse(), [rows]);
  const option = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: shown.map((r) => r.unitName), axisLabel: { width: 160, overflow: 'truncate' } },
      series: [
        { type: 'bar', name: t('assess.total'), data: shown.map((r) => r.total), itemStyle: { color: '#1677ff' }, label: { show: true, position: 'right' } },
      ],
    }),
    [shown, t],
  );
  const ref = useChart(option);
  const height = Math.max(200, rows.length * 26 + 40);
  return <div ref={ref} style={{ height }} role="img" aria-label={rows.map((r) => `${r.unitName} ${r.total}`).join('，')} data-testid="ranking-chart" />;
}
