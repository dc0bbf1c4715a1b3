import type { BadgeColor } from '@grafana/ui';
import type { BudgetStatus } from '../slo/budget';

/** The badge colour of each budget status, the same on every page. */
export const STATUS_COLORS: Record<BudgetStatus, BadgeColor> = {
  healthy: 'green',
  attention: 'blue',
  warning: 'orange',
  critical: 'red',
  exhausted: 'darkgrey',
};
