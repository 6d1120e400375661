/** The bulletin's chart (lights by section), in its own chunk with the ECharts parts it draws with. */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import type { EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { LIGHTS, type BulletinContent } from '../api-types';
import { LIGHT_COLORS } from '../components/light-colors';
import { useT } from '../i18n';
import { registerCharts, useChart } from './useChart';

registerCharts([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export function BulletinSectionBars({ sections }: { sections: BulletinContent['sections'] }) {
  const t = useT();
  const option = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { bottom: 0 },
      grid: { left: 40, right: 16, top: 16, bottom: 56 },
      xAxis: { type: 'category', data: sections.map((s) => s.number || s.title), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: LIGHTS.map((light) => ({
        name: t(`light.${light}`),
        type: 'bar',
        stack: 'lights',
        barMaxWidth: 32,
        itemStyle: { color: LIGHT_COLORS[light] },
        data: sections.map((s) => s.lights[light]),
      })),
    }),
    [sections, t],
  );
  const ref = useChart(option);
  const label = sections.map((s) => `${s.number}${s.title}：${LIGHTS.map((l) => `${t(`light.${l}`)} ${s.lights[l]}`).join('，')}`).join('；');
  return <div ref={ref} style={{ height: 280 }} role="img" aria-label={label} data-testid="bulletin-chart" />;
}
