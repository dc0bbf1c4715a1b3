import { buildGroupRows } from './groupRows';

describe('buildGroupRows', () => {
  it('joins SLI and budget by group, least budget first, NaN as unknown', () => {
    const rows = buildGroupRows(
      ['route'],
      [
        { labels: { route: '/a' }, value: 0.9995 },
        { labels: { route: '/b' }, value: 0.99 },
        { labels: { route: '/c' }, value: NaN },
      ],
      [
        { labels: { route: '/a' }, value: 0.5 },
        { labels: { route: '/b' }, value: -9 },
      ]
    );
    expect(rows).toEqual([
      { key: 'route=/b', labels: { route: '/b' }, sli: 0.99, budgetRemaining: -9 },
      { key: 'route=/a', labels: { route: '/a' }, sli: 0.9995, budgetRemaining: 0.5 },
      { key: 'route=/c', labels: { route: '/c' }, sli: undefined },
    ]);
  });
});
