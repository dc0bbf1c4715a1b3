import { makeSlo } from '../testing/fixtures';
import {
  dashboardToSlo,
  dashboardUidForSlo,
  MANAGED_NOTE,
  sloPanelContent,
  sloToDashboard,
  sloToYaml,
} from './sloDashboard';

describe('dashboardUidForSlo', () => {
  it('is slo-<uid> when that fits', () => {
    expect(dashboardUidForSlo('checkout-availability')).toBe('slo-checkout-availability');
  });

  it.each([
    { name: 'long uid', uid: 'a'.repeat(40), prefix: 'slo-aaaaaaaaaaaaaaaaaa-' },
    { name: 'dot in uid', uid: 'api.latency', prefix: 'slo-api-latency-' },
  ])('is a stable short hash form for a $name', ({ uid, prefix }) => {
    const got = dashboardUidForSlo(uid);
    expect(got.length).toBeLessThanOrEqual(40);
    expect(got).toMatch(new RegExp(`^${prefix}[0-9a-f]{16}$`));
    expect(dashboardUidForSlo(uid)).toBe(got);
    expect(dashboardUidForSlo(`${uid}x`)).not.toBe(got);
  });
});

describe('sloToDashboard', () => {
  it('stores the SLO as fenced YAML in one markdown text panel', () => {
    const slo = makeSlo();
    const dashboard = sloToDashboard(slo);
    expect(dashboard).toEqual({
      editable: true,
      schemaVersion: 39,
      time: { from: 'now-30d', to: 'now' },
      uid: 'slo-checkout-availability',
      title: 'SLO: Checkout availability',
      tags: ['burnrate-slo', 'service:checkout'],
      panels: [
        {
          id: 1,
          type: 'text',
          title: 'SLO definition',
          gridPos: { h: 24, w: 24, x: 0, y: 0 },
          options: { mode: 'markdown', content: `${MANAGED_NOTE}\n\n\`\`\`yaml\n${sloToYaml(slo)}\`\`\`\n` },
        },
      ],
    });
  });

  it('keeps id, version, other panels and tags of the loaded dashboard', () => {
    const first = sloToDashboard(makeSlo());
    const loaded = {
      ...first,
      id: 7,
      version: 3,
      tags: ['burnrate-slo', 'service:old', 'team:payments'],
      panels: [...(first.panels as unknown[]), { id: 2, type: 'timeseries' }],
    };
    const saved = sloToDashboard(makeSlo({ service: 'shop' }), loaded);
    expect(saved.id).toBe(7);
    expect(saved.version).toBe(3);
    expect(saved.tags).toEqual(['burnrate-slo', 'service:shop', 'team:payments']);
    expect(saved.panels).toHaveLength(2);
  });

  it('round-trips through dashboardToSlo', () => {
    const slo = makeSlo({ description: 'Has ``` backticks ``` inside' });
    expect(dashboardToSlo(sloToDashboard(slo))).toEqual({ slo, yaml: sloToYaml(slo) });
  });

  it('keeps a long uid inside the YAML', () => {
    const slo = makeSlo({ uid: 'x'.repeat(60) });
    const decoded = dashboardToSlo(sloToDashboard(slo));
    expect('slo' in decoded && decoded.slo.uid).toBe('x'.repeat(60));
  });
});

describe('dashboardToSlo of a malformed dashboard', () => {
  const withContent = (content: string) => ({
    uid: 'slo-x',
    panels: [{ id: 1, type: 'text', options: { mode: 'markdown', content } }],
  });

  it('reports a missing panel', () => {
    expect(dashboardToSlo({ uid: 'slo-x', panels: [] })).toEqual({
      error: { message: 'the dashboard has no text panel holding the SLO as a ```yaml block', issues: [] },
    });
  });

  it('reports broken YAML with its line', () => {
    const result = dashboardToSlo(withContent(sloPanelContent('metadata:\n  name: [unclosed\n')));
    expect('error' in result && result.error.message).toBe('the stored YAML does not parse');
    expect('error' in result && result.error.issues[0].path).toMatch(/^line \d+$/);
  });

  it('reports an invalid SLO by field path', () => {
    const yaml = sloToYaml(makeSlo()).replace('target: 0.999', 'target: 1');
    const result = dashboardToSlo(withContent(sloPanelContent(yaml)));
    expect('error' in result && result.error.message).toBe('the stored SLO is not valid');
    expect('error' in result && result.error.issues.map((i) => i.path)).toEqual(['spec.objectives[0].target']);
  });

  it('reports something that is not a dashboard', () => {
    expect(dashboardToSlo('nope')).toEqual({ error: { message: 'not a dashboard', issues: [] } });
  });
});
