/**
 * One ECharts instance in a div, sized to it. Only echarts/core is imported
 * here: each screen registers the chart types and components it draws with
 * `registerCharts([...])` in its own module, so that a route loads only those.
 */
import { init, type EChartsCoreOption, type ECharts } from 'echarts/core';
import { useEffect, useRef, type RefObject } from 'react';

export { use as registerCharts } from 'echarts/core';

export function useChart(option: EChartsCoreOption | null): RefObject<HTMLDivElement | null> {
  const element = useRef<HTMLDivElement | null>(null);
  const chart = useRef<ECharts | null>(null);

  useEffect(() => {
    const div = element.current;
    if (!div) return undefined;
    const instance = init(div, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(div);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (option && chart.current) chart.current.setOption(option, { notMerge: true });
  }, [option]);

  return element;
}
