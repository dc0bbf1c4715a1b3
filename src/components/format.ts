import Big from 'big.js';
import type { SloWindow, TierName } from '../slo/types';
import { TIERS } from '../slo/tiers';

/** "0.999" -> "99.9%". */
export function formatTarget(target: string): string {
  return `${new Big(target).times(100).toString()}%`;
}

export function formatWindow(window: SloWindow): string {
  return window.kind === 'rolling' ? window.duration : `calendar ${window.unit}`;
}

export function tierTitle(tier: TierName): string {
  return TIERS[tier].title;
}

/** A ratio as a percentage with up to `digits` decimals, or "–" when unknown. */
export function formatPercent(value: number | undefined, digits = 2): string {
  return value === undefined || Number.isNaN(value) ? '–' : `${(value * 100).toFixed(digits)}%`;
}
