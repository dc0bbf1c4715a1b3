import Big from 'big.js';
import { findPromqlSyntaxError, parseVectorSelector } from '../promql/parse';
import { errorBudgetRatio } from './budget';
import { parsePromDuration } from './duration';
import {
  isTierName,
  PROGRESSIVE_TARGETS,
  severityFor,
  SLO_TEMPLATES,
  type SloTemplate,
  TIER_NAMES,
  TIERS,
  WORKBOOK_ALERT_COUNT,
} from './tiers';
import type { Indicator, Severity, TierName } from './types';

/** Exact decimal text of a ratio in (0, 1). */
function isRatioText(text: string): boolean {
  const value = new Big(text);
  return value.toString() === text && value.gt(0) && value.lt(1);
}

/** The PromQL expressions of an indicator. */
function expressionsOf(indicator: Indicator): string[] {
  switch (indicator.type) {
    case 'ratio':
    case 'advanced':
      return [indicator.total, indicator.good, indicator.bad].filter((e): e is string => e !== undefined);
    case 'latency':
      return [indicator.histogram];
    case 'threshold':
    case 'errorRatio':
      return [indicator.expr];
  }
}

describe('TIERS', () => {
  it('has one entry per tier name, keyed by its own name', () => {
    expect(Object.keys(TIERS).sort()).toEqual([...TIER_NAMES].sort());
    for (const name of TIER_NAMES) {
      expect(TIERS[name].name).toBe(name);
    }
  });

  it.each<{ tier: TierName; target: string; latency: string; severities: Severity[] }>([
    { tier: 'critical', target: '0.9995', latency: '0.1', severities: ['page', 'page', 'ticket', 'ticket'] },
    { tier: 'essential', target: '0.999', latency: '0.5', severities: ['page', 'page', 'ticket', 'ticket'] },
    { tier: 'standard', target: '0.995', latency: '1', severities: ['page', 'ticket', 'ticket', 'ticket'] },
    { tier: 'best_effort', target: '0.99', latency: '2', severities: ['ticket', 'ticket', 'ticket', 'ticket'] },
  ])('$tier: $target, $latency s, $severities', ({ tier, target, latency, severities }) => {
    expect(TIERS[tier].target).toBe(target);
    expect(TIERS[tier].latencyThresholdSeconds).toBe(latency);
    expect(TIERS[tier].alertSeverities).toEqual(severities);
    expect(severities.map((_, i) => severityFor(tier, i))).toEqual(severities);
  });

  it.each(TIER_NAMES)('%s has an exact ratio target, a positive threshold, a title and a description', (name) => {
    const tier = TIERS[name];
    expect(isRatioText(tier.target)).toBe(true);
    expect(errorBudgetRatio(tier.target)).toBeGreaterThan(0);
    const threshold = new Big(tier.latencyThresholdSeconds);
    expect(threshold.toString()).toBe(tier.latencyThresholdSeconds);
    expect(threshold.gt(0)).toBe(true);
    expect(tier.alertSeverities).toHaveLength(WORKBOOK_ALERT_COUNT);
    expect(tier.title).not.toBe('');
    expect(tier.description).not.toBe('');
  });

  it('orders the tiers from strictest to loosest', () => {
    const targets = TIER_NAMES.map((name) => new Big(TIERS[name].target));
    const thresholds = TIER_NAMES.map((name) => new Big(TIERS[name].latencyThresholdSeconds));
    for (let i = 1; i < TIER_NAMES.length; i++) {
      expect(targets[i].lt(targets[i - 1])).toBe(true);
      expect(thresholds[i].gt(thresholds[i - 1])).toBe(true);
    }
  });

  it('never pages on a slow burn, and a stricter tier pages at least as often', () => {
    const pages = (name: TierName) => TIERS[name].alertSeverities.filter((s) => s === 'page').length;
    for (const name of TIER_NAMES) {
      expect(TIERS[name].alertSeverities.slice(2)).toEqual(['ticket', 'ticket']);
    }
    for (let i = 1; i < TIER_NAMES.length; i++) {
      expect(pages(TIER_NAMES[i])).toBeLessThanOrEqual(pages(TIER_NAMES[i - 1]));
    }
  });
});

describe('severityFor', () => {
  it.each([
    { name: 'a negative index', index: -1 },
    { name: 'an index past the last alert', index: 4 },
    { name: 'a fractional index', index: 1.5 },
    { name: 'NaN', index: NaN },
  ])('refuses $name', ({ index }) => {
    expect(() => severityFor('critical', index)).toThrow(RangeError);
    expect(() => severityFor('critical', index)).toThrow(/alertIndex must be an integer from 0 to 3/);
  });

  it('refuses an unknown tier from untyped callers', () => {
    expect(() => severityFor('gold' as TierName, 0)).toThrow(/tier must be one of .*got "gold"/);
  });
});

describe('isTierName', () => {
  it.each([
    { value: 'critical', want: true },
    { value: 'best_effort', want: true },
    { value: 'best effort', want: false },
    { value: 'toString', want: false },
    { value: '', want: false },
  ])('$value: $want', ({ value, want }) => {
    expect(isTierName(value)).toBe(want);
  });
});

describe('SLO_TEMPLATES', () => {
  it.each<{ id: string; type: SloTemplate['indicatorType']; target: string; window: string }>([
    { id: 'api-availability', type: 'ratio', target: '0.999', window: '30d' },
    { id: 'api-latency', type: 'latency', target: '0.95', window: '30d' },
    { id: 'pipeline-freshness', type: 'threshold', target: '0.99', window: '7d' },
    { id: 'pipeline-completeness', type: 'ratio', target: '0.9995', window: '7d' },
  ])('$id: $type, $target over $window (docs/slo-maths.md)', ({ id, type, target, window }) => {
    const template = SLO_TEMPLATES.find((t) => t.id === id);
    expect(template).toBeDefined();
    expect(template?.indicatorType).toBe(type);
    expect(template?.target).toBe(target);
    expect(template?.window).toBe(window);
  });

  it('has exactly the four templates of docs/slo-maths.md, with unique ids', () => {
    const ids = SLO_TEMPLATES.map((t) => t.id);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
  });

  it('keeps the API latency threshold at 500 ms and freshness at an hour', () => {
    const latency = SLO_TEMPLATES.find((t) => t.id === 'api-latency')?.exampleIndicator;
    expect(latency).toEqual(expect.objectContaining({ type: 'latency', threshold: '0.5', native: false }));
    const freshness = SLO_TEMPLATES.find((t) => t.id === 'pipeline-freshness')?.exampleIndicator;
    expect(freshness).toEqual(expect.objectContaining({ type: 'threshold', operator: '<', threshold: '3600' }));
  });

  describe.each(SLO_TEMPLATES.map((template) => ({ id: template.id, template })))('$id', ({ template }) => {
    it('has an exact ratio target and a window that parses', () => {
      expect(isRatioText(template.target)).toBe(true);
      expect(errorBudgetRatio(template.target)).toBeGreaterThan(0);
      expect(parsePromDuration(template.window)).toBe(template.window === '30d' ? 30 * 86400 : 7 * 86400);
    });

    it('has an example indicator of its type', () => {
      expect(template.exampleIndicator.type).toBe(template.indicatorType);
      expect(template.exampleIndicator.groupBy).toEqual([]);
      if (template.exampleIndicator.type === 'ratio') {
        const { good, bad } = template.exampleIndicator;
        expect([good, bad].filter((e) => e !== undefined)).toHaveLength(1);
      }
    });

    it('has example expressions that parse', () => {
      const { exampleIndicator } = template;
      for (const expr of expressionsOf(exampleIndicator)) {
        expect(findPromqlSyntaxError(expr)).toBeUndefined();
        if (exampleIndicator.type !== 'threshold') {
          expect(() => parseVectorSelector(expr)).not.toThrow();
        }
      }
    });

    it('marks every placeholder, and every placeholder appears in the example', () => {
      expect(template.placeholders.length).toBeGreaterThan(0);
      const text = expressionsOf(template.exampleIndicator).join('\n');
      for (const placeholder of template.placeholders) {
        expect(text).toContain(placeholder);
      }
      expect(template.placeholders.some((p) => p.startsWith('example-'))).toBe(true);
      expect(template.title).not.toBe('');
      expect(template.description).not.toBe('');
    });
  });
});

describe('PROGRESSIVE_TARGETS', () => {
  it('is 99% -> 99.5% -> 99.9% -> 99.95%', () => {
    expect(PROGRESSIVE_TARGETS).toEqual(['0.99', '0.995', '0.999', '0.9995']);
  });

  it('holds exact ratio targets in strictly increasing order', () => {
    PROGRESSIVE_TARGETS.forEach((target, i) => {
      expect(isRatioText(target)).toBe(true);
      if (i > 0) {
        expect(new Big(target).gt(PROGRESSIVE_TARGETS[i - 1])).toBe(true);
      }
    });
  });

  it('walks through the tier targets from best effort to critical', () => {
    expect([...TIER_NAMES].reverse().map((name) => TIERS[name].target)).toEqual([...PROGRESSIVE_TARGETS]);
  });
});
