import Big from 'big.js';
import { PROGRESSIVE_TARGETS, TIER_NAMES, TIERS } from '../../slo/tiers';
import { RELIABILITY_ACTIONS } from '../reliabilityWork';
import { TREND_PERIODS } from './ranges';

/** The recommendation for an objective, from this period's figures and the previous periods'. */

export type RecommendationKind =
  'no-data' | 'not-enough-data' | 'loosen' | 'invest' | 'review' | 'tighten' | 'keep' | 'retired';

/** A retired SLO binds no one any more: its figures stay in the report, its target needs no advice. */
export const RETIRED_RECOMMENDATION: Recommendation = {
  kind: 'retired',
  text: 'Retired: its figures are kept for the record; its target needs no advice.',
};

export interface Recommendation {
  kind: RecommendationKind;
  text: string;
  /** The progressive target to move to (tighten, loosen), exact decimal text. */
  suggestedTarget?: string;
}

/** One period of an objective, measured against its current target. */
export interface PeriodFigures {
  sli?: number;
  consumed?: number;
}

export interface RecommendationInput {
  target: string;
  current: PeriodFigures;
  /** The previous periods, in any order. */
  previous: PeriodFigures[];
  /** Seconds of this period that the SLO's recorded series cover; undefined when not known. */
  coveredSeconds?: number;
}

/** Less than a day of figures is too little to advise on: three minutes of a fresh SLO say nothing. */
export const MIN_COVERED_SECONDS = 86400;

/** Thresholds of the recommendation rules (shares of the error budget, counts of periods). */
export const RECOMMENDATION_THRESHOLDS = {
  /** Tighten when every one of the last periods used less than this. */
  tightenBelow: 0.25,
  /** Review when this period used at least this much (and did not run out). */
  reviewFrom: 0.75,
  /** The budget ran out at 100% used. */
  ranOutFrom: 1,
  /** Loosen when the budget ran out in at least this many of the last periods. */
  loosenWhenRanOutIn: 3,
} as const;

/** "0.999" -> "99.9%", exactly. */
export function targetPercent(target: string): string {
  return `${new Big(target).times(100).toString()}%`;
}

/**
 * A ratio as a percentage, rounded down to `digits` decimals, so that a figure short of a threshold
 * never prints as the threshold: 0.999996 -> "99.999%", 0.99949 -> "99.949%".
 */
export function percentDown(ratio: number, digits: number): string {
  return `${new Big(ratio).times(100).round(digits, Big.roundDown).toFixed(digits)}%`;
}

function tierOfTarget(target: string): string {
  const tier = TIER_NAMES.find((name) => new Big(TIERS[name].target).eq(target));
  return tier ? ` (${TIERS[tier].title} tier)` : '';
}

/** The next stricter progressive target (99% -> 99.5% -> 99.9% -> 99.95%), if any. */
export function stricterTarget(target: string): string | undefined {
  return PROGRESSIVE_TARGETS.find((t) => new Big(t).gt(target));
}

/** The next looser progressive target, if any. */
export function looserTarget(target: string): string | undefined {
  return [...PROGRESSIVE_TARGETS].reverse().find((t) => new Big(t).lt(target));
}

const ranOut = (p: PeriodFigures) => p.consumed !== undefined && p.consumed >= RECOMMENDATION_THRESHOLDS.ranOutFrom;

/**
 * The rules, in order; the first that applies is the recommendation. "The last periods" are this one
 * and the previous ones (4 by default); budgets are measured against the current target.
 */
export const RECOMMENDATION_RULES: ReadonlyArray<{
  kind: RecommendationKind;
  rule: string;
  apply: (input: RecommendationInput) => Recommendation | undefined;
}> = [
  {
    kind: 'no-data',
    rule: 'no events in this period',
    apply: ({ current }) =>
      current.consumed === undefined
        ? { kind: 'no-data', text: `No events in this period. ${RELIABILITY_ACTIONS.noData}` }
        : undefined,
  },
  {
    kind: 'not-enough-data',
    rule: 'the recorded series cover less than a day of this period',
    apply: ({ coveredSeconds }) =>
      coveredSeconds !== undefined && coveredSeconds < MIN_COVERED_SECONDS
        ? { kind: 'not-enough-data', text: RELIABILITY_ACTIONS.notEnoughData }
        : undefined,
  },
  {
    kind: 'loosen',
    rule: 'the budget ran out (100% used or more) in at least 3 of the last periods',
    apply: ({ target, current, previous }) => {
      const periods = [current, ...previous];
      const times = periods.filter(ranOut).length;
      if (times < RECOMMENDATION_THRESHOLDS.loosenWhenRanOutIn) {
        return undefined;
      }
      const looser = looserTarget(target);
      const to = looser ? ` to ${targetPercent(looser)}${tierOfTarget(looser)}` : '';
      return {
        kind: 'loosen',
        text:
          `The budget ran out in ${times} of the last ${periods.length} periods: the target asks more than the service delivers. ` +
          `Loosen it${to} if its users are content at that level, or invest in reliability to meet it.`,
        suggestedTarget: looser,
      };
    },
  },
  {
    kind: 'invest',
    rule: 'the budget ran out in this period',
    apply: ({ current }) =>
      current.consumed !== undefined && current.consumed >= RECOMMENDATION_THRESHOLDS.ranOutFrom
        ? {
            kind: 'invest',
            text: `The budget ran out (${percentDown(current.consumed, 1)} used). ${RELIABILITY_ACTIONS.exhausted}`,
          }
        : undefined,
  },
  {
    kind: 'review',
    rule: 'at least 75% of the budget used in this period',
    apply: ({ current }) =>
      current.consumed !== undefined && current.consumed >= RECOMMENDATION_THRESHOLDS.reviewFrom
        ? {
            kind: 'review',
            text: `${percentDown(current.consumed, 1)} of the budget was used. ${RELIABILITY_ACTIONS.warning}`,
          }
        : undefined,
  },
  {
    kind: 'tighten',
    rule:
      'every one of the last periods has figures and used under 25% of the budget, and met the next stricter ' +
      'progressive target when there is one',
    apply: ({ target, current, previous }) => {
      const periods = [current, ...previous];
      const comfortable = periods.every(
        (p) => p.consumed !== undefined && p.consumed < RECOMMENDATION_THRESHOLDS.tightenBelow
      );
      if (!comfortable || periods.length < 1 + TREND_PERIODS) {
        return undefined;
      }
      const under = `Each of the last ${periods.length} periods used under ${RECOMMENDATION_THRESHOLDS.tightenBelow * 100}% of the budget`;
      const stricter = stricterTarget(target);
      if (!stricter) {
        return { kind: 'tighten', text: `${RELIABILITY_ACTIONS.tighten} ${under}.` };
      }
      if (!periods.every((p) => p.sli !== undefined && new Big(p.sli).gte(stricter))) {
        return undefined;
      }
      return {
        kind: 'tighten',
        text: `${RELIABILITY_ACTIONS.tighten} ${under} and would have met ${targetPercent(stricter)}${tierOfTarget(stricter)}.`,
        suggestedTarget: stricter,
      };
    },
  },
  {
    kind: 'keep',
    rule: 'otherwise',
    apply: () => ({ kind: 'keep', text: RELIABILITY_ACTIONS.onTrack }),
  },
];

export function recommend(input: RecommendationInput): Recommendation {
  for (const { apply } of RECOMMENDATION_RULES) {
    const recommendation = apply(input);
    if (recommendation) {
      return recommendation;
    }
  }
  // The last rule always applies.
  return { kind: 'keep', text: RELIABILITY_ACTIONS.onTrack };
}
