import type { GrafanaTheme2 } from '@grafana/data';

export interface DataTableOptions {
  /** Cell padding in theme spacing units: [vertical, horizontal]. */
  padding: [number, number];
  /** Headers in the secondary text colour. */
  mutedHeader?: boolean;
  /** Stretch to the container; a small table keeps its own width otherwise. */
  fullWidth?: boolean;
}

/** The plain tables of the app's pages: rows ruled by a weak border, cells left-aligned. Pass to css(). */
export function dataTableCss(
  theme: GrafanaTheme2,
  { padding, mutedHeader = false, fullWidth = true }: DataTableOptions
) {
  return {
    ...(fullWidth && { width: '100%' }),
    borderCollapse: 'collapse' as const,
    'th, td': {
      padding: theme.spacing(padding[0], padding[1]),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      textAlign: 'left' as const,
    },
    ...(mutedHeader && { th: { color: theme.colors.text.secondary } }),
  };
}
