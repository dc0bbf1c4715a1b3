import type { TierName } from '../slo/types';
import { TIERS } from '../slo/tiers';

export function tierTitle(tier: TierName): string {
  return TIERS[tier].title;
}

/** A ratio as a percentage with up to `digits` decimals, or "–" when unknown. */
export function formatPercent(value: number | undefined, digits = 2): string {
  return value === undefined || Number.isNaN(value) ? '–' : `${(value * 100).toFixed(digits)}%`;
}
