import React, { useMemo } from 'react';
import { Alert, Text } from '@grafana/ui';
import type { Slo } from '../../slo/types';
import type { AppSettings } from '../../settings';
import { testIds } from '../../components/testIds';
import { checkGroups, type RulerLimits } from '../../deploy/rulerLimits';
import { rulerGroups, rulerLimitsOf } from '../../api/ruler';

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

function limitText(limits: RulerLimits): string {
  const perGroup =
    limits.rulesPerGroup > 0 ? `${limits.rulesPerGroup} rules per group` : 'any number of rules per group';
  const groups = limits.ruleGroups > 0 ? `${limits.ruleGroups} rule groups in the tenant` : 'any number of groups';
  return `${perGroup} and ${groups}`;
}

/**
 * The rule groups and rules the chosen SLOs deploy to the ruler, split as the rules-per-group limit asks,
 * and whether they fit the limits of the settings, before anything is read from the ruler.
 */
export function RulerLimitsSummary({ chosen, settings }: { chosen: Slo[]; settings: AppSettings }) {
  const limits = rulerLimitsOf(settings);
  const { groups, split, verdicts } = useMemo(() => {
    const splits = chosen.map((slo) => rulerGroups(slo, settings));
    const all = splits.flatMap((s) => s.groups);
    return {
      groups: all,
      split: splits.flatMap((s) => [...s.split.keys()]),
      verdicts: checkGroups(all, rulerLimitsOf(settings), new Map(splits.flatMap((s) => [...s.refused]))),
    };
  }, [chosen, settings]);
  const rules = groups.reduce((n, g) => n + g.rules.length, 0);
  const largest = groups.reduce((n, g) => Math.max(n, g.rules.length), 0);
  const over = verdicts.filter((v) => !v.fits);
  const tooManyGroups = limits.ruleGroups > 0 && groups.length > limits.ruleGroups;
  return (
    <div data-testid={testIds.export.deploy.limits}>
      <Text color="secondary">
        {count(chosen.length, 'SLO', 'SLOs')}: {count(groups.length, 'rule group', 'rule groups')},{' '}
        {count(rules, 'rule', 'rules')}, the largest group {count(largest, 'rule', 'rules')}. The ruler allows{' '}
        {limitText(limits)} (the app&apos;s configuration); the groups it holds already are counted when you compare.
        {split.length > 0 && ` Split to fit: ${split.join(', ')}.`}
      </Text>
      {(over.length > 0 || tooManyGroups) && (
        <Alert severity="warning" title="These rules do not fit the ruler's limits">
          <ul>
            {over.map((v) => (
              <li key={v.group}>{v.message}</li>
            ))}
            {tooManyGroups && (
              <li>
                these SLOs alone need {groups.length} rule groups, the ruler allows {limits.ruleGroups} in the tenant
              </li>
            )}
          </ul>
        </Alert>
      )}
    </div>
  );
}
