import type { TargetOutcome } from '../slo/targetHistory';
import type { ObjectiveTargetJson } from './targetFromHistory';
import { daysText, exhaustedText, outcomeSentence, suggestionSentence } from './targetFromHistoryFormat';

function outcome(target: string, tiers: TargetOutcome['tiers'], worst: number, exhausted = 0): TargetOutcome {
  return {
    target,
    tiers,
    budgetLeft: worst,
    worstWindowBudgetLeft: worst,
    exhausted,
    windows: 10,
    partialWindow: false,
  };
}

function objective(outcomes: TargetOutcome[], suggested?: TargetOutcome): ObjectiveTargetJson {
  return {
    target: outcomes[outcomes.length - 1].target,
    window: '28d',
    windowSeconds: 28 * 86400,
    outcomes,
    suggestion: { target: suggested?.target, tiers: suggested?.tiers ?? [], aboveEveryTier: false, margin: 0.25 },
  };
}

describe('target history words', () => {
  it('speaks of days, hours and runs', () => {
    expect([daysText(35 * 86400), daysText(1.26 * 86400), daysText(86400), daysText(5 * 3600), daysText(60)]).toEqual([
      '35 days',
      '1.3 days',
      '1 day',
      '5 hours',
      'under an hour',
    ]);
    expect([0, 1, 2, 5].map(exhaustedText)).toEqual(['never', 'once', 'twice', '5 times']);
  });

  it('names the lowest tier and an own target below every tier when no tier kept the margin', () => {
    const outcomes = [
      outcome('0.995', ['standard'], -0.9, 1),
      outcome('0.99', ['best_effort'], 0.048),
      outcome('0.95', [], 0.81),
    ];
    expect(suggestionSentence(objective(outcomes))).toBe(
      "No tier target kept 25.0% of its budget in its worst window: even 99% kept 4.8%. The SLO's own 95% kept 81.0%."
    );
    const none = [outcome('0.99', ['best_effort'], -0.5, 2), outcome('0.98', [], 0.1)];
    expect(suggestionSentence(objective(none))).toBe(
      'No tier target kept 25.0% of its budget in its worst window: even 99% kept -50.0%. Fix what spends the budget, or choose a lower target knowingly.'
    );
  });

  it('says what a target would have done, overspent or not', () => {
    const over = outcome('0.999', ['essential'], -0.25, 2);
    expect(outcomeSentence(over, objective([over]), 35 * 86400)).toBe(
      '99.9% would have overspent its budget by 25.0% over the 35 days held and been exhausted twice in 28-day windows'
    );
    const short = { ...outcome('0.999', ['essential'], 0.3), partialWindow: true };
    expect(outcomeSentence(short, objective([short]), 5 * 86400)).toBe(
      '99.9% would have left 30.0% of its budget over the 5 days held and not run out in that time, shorter than one window'
    );
  });
});
