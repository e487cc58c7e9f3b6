import { useEffect, useRef } from 'react';
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type AriaComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { valueText } from '../format/cells';
import { formatNumber } from '../format/german';
import type { ChartData } from '../kpis/chart-data';

// Only what the pages draw: bars, their grid, legend, tooltip and the aria description, in SVG.
use([BarChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, SVGRenderer]);

type ChartOption = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption | AriaComponentOption>;

/** Okabe–Ito: eight colours that people with any common colour vision deficiency tell apart. Blue first: it reads on white. */
export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'];

const compact = new Intl.NumberFormat('de-DE', { notation: 'compact', maximumFractionDigits: 1 });

/** Axis ticks in German; large sums shortened (`1,2 Mio.`), the bars' own labels and the table say them in full. */
function tick(value: number): string {
  return Math.abs(value) >= 10_000 ? compact.format(value) : formatNumber(value, Number.isInteger(value) ? 0 : 1);
}

function optionOf(data: ChartData, description: string): ChartOption {
  const byRow = data.layout === 'rows';
  const labelled = byRow && data.series.length <= 3 && data.categories.length <= 30;
  const categoryAxis = { type: 'category' as const, data: [...data.categories], inverse: byRow, axisLabel: { width: 220, overflow: 'truncate' as const, color: '#1b1f24' } };
  const valueAxis = { type: 'value' as const, axisLabel: { formatter: tick, color: '#4a5560' } };
  return {
    animation: false,
    color: OKABE_ITO,
    aria: { enabled: true, label: { description } },
    grid: { left: 8, right: labelled ? 96 : 24, top: data.series.length > 1 ? 40 : 12, bottom: 8, containLabel: true },
    legend: { show: data.series.length > 1, type: 'scroll', top: 0, textStyle: { color: '#1b1f24' } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: byRow ? valueAxis : categoryAxis,
    yAxis: byRow ? categoryAxis : valueAxis,
    series: data.series.map((series) => ({
      type: 'bar' as const,
      name: series.name,
      barMaxWidth: 32,
      data: [...series.values],
      cursor: series.teams.some(Boolean) ? 'pointer' : 'default',
      tooltip: { valueFormatter: (value) => valueText(series.column, typeof value === 'number' ? value : null) },
      label: { show: labelled, position: 'right' as const, color: '#1b1f24', formatter: ({ value }) => valueText(series.column, typeof value === 'number' ? value : null) },
    })),
  };
}

/** Height that gives each row's bars room, so that long lists of teams or codes stay legible. */
function heightOf(data: ChartData): number {
  if (data.layout === 'periods') return 380;
  return Math.min(900, Math.max(160, data.categories.length * (data.series.length * 16 + 14) + 60));
}

/**
 * The chart of a page's table (ECharts, tree-shaken, SVG). Screen readers get the one-sentence
 * summary as its label; the table beside it holds every number. A click on a team's bar asks
 * to drill down to that team.
 */
export function KpiChart({ data, description, onPickTeam }: { data: ChartData; description: string; onPickTeam: (team: string) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  // The click handler is bound once; it reads the latest data and callback through these.
  const latest = useRef({ data, onPickTeam });
  latest.current = { data, onPickTeam };

  useEffect(() => {
    const instance = init(box.current!, null, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (event) => {
      const team = latest.current.data.series[event.seriesIndex ?? -1]?.teams[event.dataIndex];
      if (team) latest.current.onPickTeam(team);
    });
    const resized = new ResizeObserver(() => instance.resize());
    resized.observe(box.current!);
    return () => {
      resized.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(optionOf(data, description), { notMerge: true });
    chart.current?.resize();
  }, [data, description]);

  return <div ref={box} className="kpi-chart" role="img" style={{ height: heightOf(data) }} />;
}
