/** The dashboard's charts, in their own chunk with the ECharts parts they draw with. */
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import type { EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { LIGHTS, type Dashboard, type Light } from '../api-types';
import { LIGHT_COLORS } from '../components/light-colors';
import { useT, type Translate } from '../i18n';
import { registerCharts, useChart } from './useChart';

registerCharts([PieChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

function lightSeriesName(t: Translate, light: Light): string {
  return t(`light.${light}`);
}

export function LightsDonut({ data }: { data: Dashboard }) {
  const t = useT();
  const option = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['45%', '70%'],
          avoidLabelOverlap: true,
          label: { formatter: '{b}\n{c}' },
          data: LIGHTS.map((light) => ({ name: lightSeriesName(t, light), value: data.lights[light], itemStyle: { color: LIGHT_COLORS[light] } })),
        },
      ],
    }),
    [data, t],
  );
  const ref = useChart(option);
  return <div ref={ref} style={{ height: 300 }} role="img" aria-label={LIGHTS.map((l) => `${lightSeriesName(t, l)} ${data.lights[l]}`).join('，')} />;
}

export function SectionBars({ data }: { data: Dashboard }) {
  const t = useT();
  const option = useMemo<EChartsCoreOption>(() => {
    const sections = data.bySection;
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { bottom: 0 },
      grid: { left: 40, right: 16, top: 16, bottom: 56 },
      xAxis: { type: 'category', data: sections.map((s) => s.number ?? '—'), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: LIGHTS.map((light) => ({
        name: lightSeriesName(t, light),
        type: 'bar',
        stack: 'lights',
        barMaxWidth: 32,
        itemStyle: { color: LIGHT_COLORS[light] },
        data: sections.map((s) => s.lights[light]),
      })),
    };
  }, [data, t]);
  const ref = useChart(option);
  return <div ref={ref} style={{ height: 300 }} role="img" aria-label={t('dashboard.bySection')} />;
}
