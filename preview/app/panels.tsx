import { css } from '@emotion/css';
import {
  FieldColorModeId,
  FieldType,
  getFieldDisplayValues,
  PanelPlugin,
  renderTextPanelMarkdown,
  textUtil,
  VizOrientation,
  type DataFrame,
  type FieldDisplay,
  type GrafanaTheme2,
  type PanelPluginMeta,
  type PanelProps,
  type ReduceDataOptions,
} from '@grafana/data';
import { config } from '@grafana/runtime';
import {
  BarGauge,
  BarGaugeDisplayMode,
  BigValue,
  BigValueColorMode,
  BigValueGraphMode,
  BigValueJustifyMode,
  BigValueTextMode,
  LegendDisplayMode,
  Table,
  TimeSeries,
  type UPlotConfigBuilder,
  useStyles2,
  useTheme2,
} from '@grafana/ui';
import React, { useLayoutEffect, useRef } from 'react';

/**
 * STAND-INS for Grafana's core panels. Grafana's timeseries, stat, gauge, bar gauge, table and text panels are
 * part of Grafana itself, not of any npm package, so the preview registers its own panel plugins under those
 * ids, built on @grafana/ui components. They show the data; they do not have all of Grafana's panel options.
 */

interface ReduceOptions {
  reduceOptions?: ReduceDataOptions;
  orientation?: VizOrientation;
  colorMode?: BigValueColorMode;
  graphMode?: BigValueGraphMode;
  textMode?: BigValueTextMode;
  displayMode?: BarGaugeDisplayMode;
  showThresholdMarkers?: boolean;
  showThresholdLabels?: boolean;
  legend?: { showLegend?: boolean; displayMode?: LegendDisplayMode; placement?: 'bottom' | 'right'; calcs?: string[] };
  content?: string;
  mode?: string;
}

const getStyles = (theme: GrafanaTheme2) => ({
  row: css({ display: 'flex', gap: theme.spacing(1), width: '100%', height: '100%' }),
  column: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1), width: '100%', height: '100%' }),
  message: css({
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    height: '100%',
    color: theme.colors.text.secondary,
  }),
  text: css({ height: '100%', overflow: 'auto' }),
});

function NoData({ text = 'No data' }: { text?: string }) {
  const styles = useStyles2(getStyles);
  return <div className={styles.message}>{text}</div>;
}

function displayValues(props: PanelProps<ReduceOptions>, theme: GrafanaTheme2): FieldDisplay[] {
  return getFieldDisplayValues({
    fieldConfig: props.fieldConfig,
    reduceOptions: props.options.reduceOptions ?? { calcs: ['lastNotNull'], values: false },
    replaceVariables: props.replaceVariables,
    theme,
    data: props.data.series,
    timeZone: props.timeZone,
  });
}

/** Splits the panel into one cell per value, in a row (or a column when the panel is narrow). */
function Repeat({
  props,
  render,
}: {
  props: PanelProps<ReduceOptions>;
  render: (v: FieldDisplay, w: number, h: number) => React.ReactNode;
}) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const values = displayValues(props, theme);
  if (
    values.length === 0 ||
    (values.length === 1 &&
      values[0].display.numeric === undefined &&
      !values[0].hasLinks &&
      props.data.series.length === 0)
  ) {
    return <NoData text={props.fieldConfig.defaults.noValue} />;
  }
  const vertical = props.options.orientation === VizOrientation.Horizontal || props.width < props.height;
  const gap = 8;
  const count = values.length;
  const w = vertical ? props.width : Math.floor((props.width - gap * (count - 1)) / count);
  const h = vertical ? Math.floor((props.height - gap * (count - 1)) / count) : props.height;
  return (
    <div className={vertical ? styles.column : styles.row}>
      {values.map((v, i) => (
        <div key={i} style={{ width: w, height: h }}>
          {render(v, w, h)}
        </div>
      ))}
    </div>
  );
}

function StatPanel(props: PanelProps<ReduceOptions>) {
  const theme = useTheme2();
  return (
    <Repeat
      props={props}
      render={(v, width, height) => (
        <BigValue
          theme={theme}
          value={v.display}
          width={width}
          height={height}
          colorMode={props.options.colorMode ?? BigValueColorMode.Value}
          graphMode={BigValueGraphMode.None}
          justifyMode={BigValueJustifyMode.Auto}
          textMode={props.options.textMode ?? BigValueTextMode.Auto}
        />
      )}
    />
  );
}

function GaugePanel(props: PanelProps<ReduceOptions>) {
  return <Repeat props={props} render={(v, width, height) => <ArcGauge value={v} width={width} height={height} />} />;
}

/**
 * @grafana/ui's Gauge draws with jQuery flot, which Grafana itself provides and the preview does not: this
 * stand-in draws a half-circle arc in SVG instead, with the threshold colours as markers on the rim and the
 * value's colour on the arc.
 */
function ArcGauge({ value, width, height }: { value: FieldDisplay; width: number; height: number }) {
  const theme = useTheme2();
  const min = value.field.min ?? 0;
  const max = value.field.max ?? 1;
  const size = Math.max(Math.min(width, height * 1.6) - 16, 40);
  const r = size / 2 - 10;
  const cx = width / 2;
  const cy = height / 2 + r / 3;
  const share = (n: number) => Math.min(Math.max((n - min) / (max - min || 1), 0), 1);
  const point = (f: number, radius: number) => {
    const angle = Math.PI * (1 - f);
    return `${cx + radius * Math.cos(angle)},${cy - radius * Math.sin(angle)}`;
  };
  const arc = (from: number, to: number, radius: number) =>
    `M ${point(from, radius)} A ${radius} ${radius} 0 0 1 ${point(to, radius)}`;
  const steps = value.field.thresholds?.steps ?? [];
  const numeric = value.display.numeric;
  const color = value.display.color ?? theme.colors.primary.main;
  const text = `${value.display.prefix ?? ''}${value.display.text}${value.display.suffix ?? ''}`;
  return (
    <svg width={width} height={height} role="img" aria-label={text}>
      <path d={arc(0, 1, r)} stroke={theme.colors.border.medium} strokeWidth={r / 5} fill="none" />
      {steps.map((step, i) => {
        const from = share(Number.isFinite(step.value) ? step.value : min);
        const next = steps[i + 1];
        const to = next ? share(next.value) : 1;
        return to > from ? (
          <path
            key={i}
            d={arc(from, to, r + r / 6)}
            stroke={theme.visualization.getColorByName(step.color)}
            strokeWidth={4}
            fill="none"
          />
        ) : null;
      })}
      {Number.isFinite(numeric) && share(numeric) > 0 && (
        <path d={arc(0, share(numeric), r)} stroke={color} strokeWidth={r / 5} fill="none" />
      )}
      <text
        x={cx}
        y={cy - 4}
        textAnchor="middle"
        fill={Number.isFinite(numeric) ? color : theme.colors.text.secondary}
        fontSize={fitFontSize(text, Number.isFinite(numeric) ? Math.max(r / 3, 12) : Math.max(r / 7, 11), width)}
      >
        {text}
      </text>
    </svg>
  );
}

/**
 * The font size at most `wanted` at which `text` fits the width: a character is taken as 0.6 em, about
 * the widest average of the theme's font, so that long words shrink rather than run past the box.
 */
function fitFontSize(text: string, wanted: number, width: number): number {
  const room = Math.max(width - 16, 0);
  return Math.max(Math.min(wanted, room / (0.6 * Math.max(text.length, 1))), 8);
}

function BarGaugePanel(props: PanelProps<ReduceOptions>) {
  const theme = useTheme2();
  return (
    <Repeat
      props={{
        ...props,
        options: { ...props.options, orientation: props.options.orientation ?? VizOrientation.Horizontal },
      }}
      render={(v, width, height) => (
        <BarGauge
          theme={theme}
          value={v.display}
          field={v.field}
          display={v.view?.getFieldDisplayProcessor(v.colIndex ?? 0)}
          width={width}
          height={height}
          orientation={props.options.orientation ?? VizOrientation.Horizontal}
          displayMode={props.options.displayMode ?? BarGaugeDisplayMode.Gradient}
          isOverflow={false}
        />
      )}
    />
  );
}

const SERIES_DEFAULTS = {
  drawStyle: 'line',
  lineWidth: 1,
  fillOpacity: 10,
  gradientMode: 'none',
  showPoints: 'never',
  pointSize: 4,
  spanNulls: false,
  axisPlacement: 'auto',
  lineInterpolation: 'linear',
};

function graphable(frames: DataFrame[]): DataFrame[] {
  return frames
    .filter((f) => f.fields.some((x) => x.type === FieldType.time) && f.fields.some((x) => x.type === FieldType.number))
    .map((f) => ({
      ...f,
      fields: f.fields.map((field) => ({
        ...field,
        config: {
          ...field.config,
          custom: { ...SERIES_DEFAULTS, ...field.config.custom },
          color: field.config.color ?? { mode: FieldColorModeId.PaletteClassic },
        },
      })),
    }));
}

function TimeSeriesPanel(props: PanelProps<ReduceOptions>) {
  const frames = graphable(props.data.series);
  if (frames.length === 0) {
    const hasValues = props.data.series.some((f) => f.length > 0 && f.fields.length > 0);
    return (
      <NoData
        text={hasValues ? 'Data does not have a time field' : (props.fieldConfig.defaults.noValue ?? 'No data')}
      />
    );
  }
  const legend = props.options.legend ?? {};
  const regions = annotationRegions(props.data.annotations ?? []);
  return (
    <TimeSeries
      frames={frames}
      structureRev={props.data.structureRev}
      timeRange={props.timeRange}
      timeZone={props.timeZone}
      width={props.width}
      height={props.height}
      legend={{
        showLegend: legend.showLegend ?? true,
        displayMode: legend.displayMode ?? LegendDisplayMode.List,
        placement: legend.placement ?? 'bottom',
        calcs: legend.calcs ?? [],
      }}
    >
      {(builder: UPlotConfigBuilder) => <RegionShading builder={builder} regions={regions} />}
    </TimeSeries>
  );
}

interface Region {
  from: number;
  to: number;
  title: string;
  color: string;
}

/** Region annotations (time, timeEnd, isRegion, color, text) of the panel's data layers. */
function annotationRegions(frames: DataFrame[]): Region[] {
  return frames.flatMap((frame) => {
    const field = (name: string) => frame.fields.find((f) => f.name === name)?.values;
    const [time, timeEnd, isRegion, text, color] = ['time', 'timeEnd', 'isRegion', 'text', 'color'].map(field);
    if (!time || !timeEnd) {
      return [];
    }
    return time.flatMap((from: number, i: number) =>
      isRegion?.[i] === false
        ? []
        : [{ from, to: Number(timeEnd[i]), title: String(text?.[i] ?? ''), color: String(color?.[i] ?? '#B877D9') }]
    );
  });
}

/**
 * Shades region annotations as Grafana's time series panel does: a band over the plot's height in the
 * annotation's colour, here with its text at the top.
 */
function RegionShading({ builder, regions }: { builder: UPlotConfigBuilder; regions: Region[] }) {
  const latest = useRef(regions);
  useLayoutEffect(() => {
    latest.current = regions;
  }, [regions]);
  useLayoutEffect(() => {
    builder.addHook('draw', (u) => {
      const ctx = u.ctx;
      const { left, top, width, height } = u.bbox;
      ctx.save();
      ctx.beginPath();
      ctx.rect(left, top, width, height);
      ctx.clip();
      for (const region of latest.current) {
        const x0 = Math.max(u.valToPos(region.from, 'x', true), left);
        const x1 = Math.min(u.valToPos(region.to, 'x', true), left + width);
        if (x1 <= x0) {
          continue;
        }
        ctx.globalAlpha = 0.18;
        ctx.fillStyle = region.color;
        ctx.fillRect(x0, top, x1 - x0, height);
        ctx.globalAlpha = 1;
        ctx.fillStyle = region.color;
        ctx.font = `${Math.round(11 * devicePixelRatio)}px sans-serif`;
        // uPlot leaves the alignment of its last axis label behind.
        ctx.textAlign = 'left';
        ctx.textBaseline = 'top';
        // Cut to the band's width rather than squeezed.
        const room = x1 - x0 - 8 * devicePixelRatio;
        let title = region.title;
        while (title.length > 1 && ctx.measureText(title).width > room) {
          title = `${title.slice(0, -2)}…`;
        }
        ctx.fillText(title, x0 + 4 * devicePixelRatio, top + 4 * devicePixelRatio);
      }
      ctx.restore();
    });
  }, [builder]);
  return null;
}

function TablePanel(props: PanelProps<ReduceOptions>) {
  const frame = props.data.series[0];
  if (!frame) {
    return <NoData />;
  }
  return <Table data={frame} width={props.width} height={props.height} />;
}

function TextPanel(props: PanelProps<ReduceOptions>) {
  const styles = useStyles2(getStyles);
  const content = props.replaceVariables(props.options.content ?? '');
  const html =
    props.options.mode === 'html'
      ? textUtil.sanitize(content)
      : props.options.mode === 'code'
        ? `<pre>${textUtil.escapeHtml(content)}</pre>`
        : renderTextPanelMarkdown(content);
  return <div className={`${styles.text} markdown-html`} dangerouslySetInnerHTML={{ __html: html }} />;
}

const COMPONENTS: Record<string, React.ComponentType<PanelProps<ReduceOptions>>> = {
  timeseries: TimeSeriesPanel,
  stat: StatPanel,
  gauge: GaugePanel,
  bargauge: BarGaugePanel,
  table: TablePanel,
  text: TextPanel,
};

/** The custom field config of Grafana's timeseries panel that the stand-in honours (threshold lines, bars, stacking, dashes). */
const TIMESERIES_CUSTOM = [
  'thresholdsStyle',
  'drawStyle',
  'fillOpacity',
  'lineStyle',
  'lineWidth',
  'stacking',
  'showPoints',
  'axisSoftMin',
  'axisSoftMax',
];
const Empty = () => null;

const cache = new Map<string, PanelPlugin>();

export function getPanelPluginFromCache(id: string): PanelPlugin | undefined {
  if (!cache.has(id) && COMPONENTS[id]) {
    const plugin = new PanelPlugin<ReduceOptions>(COMPONENTS[id]);
    if (id === 'timeseries') {
      // Grafana's timeseries panel declares these custom properties; undeclared ones are dropped from the field config.
      plugin.useFieldConfig({
        useCustomConfig: (builder) => {
          for (const path of TIMESERIES_CUSTOM) {
            builder.addCustomEditor({
              id: path,
              path,
              name: path,
              editor: Empty,
              override: Empty,
              process: (v: unknown) => v,
              shouldApply: () => true,
            });
          }
        },
      });
      // As Grafana's timeseries panel: the panel gets its data layers' annotations (it shades regions).
      plugin.setDataSupport({ annotations: true });
    } else if (id !== 'text') {
      plugin.useFieldConfig();
    }
    plugin.meta = (config.panels[id] as PanelPluginMeta | undefined) ?? ({ id, name: id } as PanelPluginMeta);
    cache.set(id, plugin);
  }
  return cache.get(id);
}

export async function importPanelPlugin(id: string): Promise<PanelPlugin> {
  const plugin = getPanelPluginFromCache(id);
  if (!plugin) {
    throw new Error(
      `Panel plugin not found: ${id} (the preview has stand-ins for ${Object.keys(COMPONENTS).join(', ')})`
    );
  }
  return plugin;
}
