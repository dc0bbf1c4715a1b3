import { loadSloDocuments } from '../formats/load';
import { exportSlos } from '../formats/export';
import type { Objective, ValidationIssue } from './types';
import { dateStartSeconds, describePhases, highestTarget, parsePhases, phaseAt, sloAt, targetAt } from './phases';
import { makeSlo } from '../testing/fixtures';

const JAN = Date.UTC(2027, 0, 1) / 1000;
const APR = Date.UTC(2027, 3, 1) / 1000;
const progressive: Objective = {
  target: '0.99',
  window: { kind: 'rolling', duration: '30d', seconds: 2592000 },
  phases: [
    { from: '2027-01-01', fromSeconds: JAN, target: '0.995' },
    { from: '2027-04-01', fromSeconds: APR, target: '0.999' },
  ],
};

describe('dateStartSeconds', () => {
  it('reads real dates at 00:00 UTC and refuses others', () => {
    expect(dateStartSeconds('2027-01-01')).toBe(JAN);
    expect(dateStartSeconds('1970-01-02')).toBe(86400);
    expect(dateStartSeconds('2027-02-30')).toBeUndefined();
    expect(dateStartSeconds('2027-1-1')).toBeUndefined();
    expect(dateStartSeconds('next week')).toBeUndefined();
  });
});

describe('parsePhases', () => {
  it('names the field of a bad date, a bad target and phases out of order', () => {
    const issues: ValidationIssue[] = [];
    const phases = parsePhases(
      [
        { from: '2027-04-01', target: '99.5%' },
        { from: '2027-01-01', target: '99.9%' },
        { from: '2027-13-01', target: '100' },
      ],
      'spec.objectives[0].phases',
      issues
    );
    expect(phases).toBeUndefined();
    expect(issues.map((i) => i.path)).toEqual([
      'spec.objectives[0].phases[1].from',
      'spec.objectives[0].phases[2].from',
      'spec.objectives[0].phases[2].target',
    ]);
    expect(issues[0].message).toMatch(/after the phase before it \(2027-04-01\)/);
  });
});

describe('the target in force', () => {
  it('is the base target before the first phase, then each phase from its date on', () => {
    expect(targetAt(progressive, JAN - 1)).toBe('0.99');
    expect(targetAt(progressive, JAN)).toBe('0.995');
    expect(targetAt(progressive, APR + 86400)).toBe('0.999');
    expect(phaseAt(progressive, JAN + 10)).toEqual({
      target: '0.995',
      since: '2027-01-01',
      next: progressive.phases![1],
    });
    expect(phaseAt(progressive, 0)).toEqual({ target: '0.99', next: progressive.phases![0] });
    expect(highestTarget(progressive)).toBe('0.999');
  });

  it('resolves an SLO at a time, and leaves an SLO without phases as it is', () => {
    const slo = makeSlo({ objectives: [progressive] });
    expect(sloAt(slo, JAN).objectives).toEqual([{ target: '0.995', window: progressive.window }]);
    const plain = makeSlo();
    expect(sloAt(plain, JAN)).toBe(plain);
  });
});

describe('describePhases', () => {
  it('describes the phases in words', () => {
    expect(describePhases(progressive)).toBe('99%, 99.5% from 2027-01-01, 99.9% from 2027-04-01');
  });
});

describe('native YAML', () => {
  const yaml = `apiVersion: burnrate.dev/v1
kind: ServiceLevelObjective
metadata:
  name: search
spec:
  service: search
  indicator:
    type: ratio
    total: http_requests_total{job="search"}
    bad: http_requests_total{job="search",code=~"5.."}
  objectives:
    - target: 99%
      window: 30d
      phases:
        - from: 2027-01-01
          target: 99.5%
        - from: 2027-04-01
          target: 0.999
`;
  it('reads the phases of an objective', () => {
    const { slos, issues } = loadSloDocuments(yaml);
    expect(issues).toEqual([]);
    expect(slos[0].slo.objectives[0]).toEqual(progressive);
  });

  it('refuses phases that do not parse, naming the field', () => {
    const { issues } = loadSloDocuments(yaml.replace('2027-04-01', '2026-12-01'));
    expect(issues.map((i) => i.path)).toContain('spec.objectives[0].phases[1].from');
  });
});

describe('OpenSLO', () => {
  it('carries the phases of the first objective in an annotation and reads them back', () => {
    const slo = makeSlo({ objectives: [progressive] });
    const text = exportSlos([slo], 'openslo');
    expect(text).toContain('burnrate.dev/targetPhases');
    const { slos, issues } = loadSloDocuments(text);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(slos[0].slo.objectives).toEqual([progressive]);
  });

  it('names the annotation of a broken phase', () => {
    const text = exportSlos([makeSlo({ objectives: [progressive] })], 'openslo').replace('2027-04-01', '2027-04-31');
    const { issues } = loadSloDocuments(text);
    expect(issues.map((i) => i.path)).toContain('metadata.annotations["burnrate.dev/targetPhases"][1].from');
  });
});
