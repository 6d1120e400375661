/** The bulletin's chart (lights by section), in its own chunk with the ECharts parts it draws with. */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import type { EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { LIGHTS, type BulletinContent } from '../api-types';
import { LIGHT_COLORS } from '../components/light-colors';
import { useT } from '../i18n';
import { bulletinChartHeight, bulletinChartOption } from './bulletin-chart-option';
import { registerCharts, useChart } from './useChart';

registerCharts([BarChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

/** The option the bulletin's .docx draws (the server's twin of bulletin-chart-option.ts), with a tooltip on screen. */
export function BulletinSectionBars({ sections }: { sections: BulletinContent['sections'] }) {
  const t = useT();
  const option = useMemo<EChartsCoreOption>(
    () => ({
      ...bulletinChartOption(
        sections,
        {
          title: t('bulletin.chart.title'),
          axis: t('bulletin.chart.axis'),
          lights: { green: t('light.green'), yellow: t('light.yellow'), red: t('light.red'), none: t('light.none') },
        },
        LIGHT_COLORS,
      ),
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    }),
    [sections, t],
  );
  const ref = useChart(option);
  const label = sections.map((s) => `${s.number}${s.title}：${LIGHTS.map((l) => `${t(`light.${l}`)} ${s.lights[l]}`).join('，')}`).join('；');
  return <div ref={ref} style={{ height: bulletinChartHeight(sections.length) }} role="img" aria-label={label} data-testid="bulletin-chart" />;
}
