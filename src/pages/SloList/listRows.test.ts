import type { SloEntry } from '../../api/sloStore';
import { makeSlo, makeStoredSlo } from '../../testing/fixtures';
import type { OverviewRow } from '../Overview/overviewRows';
import { listQueryFromUrl, listQueryToUrl, PAGE_SIZE, sameListQuery, selectListPage, type ListQuery } from './listRows';

function entry(name: string, service: string, tier: 'critical' | 'standard' = 'standard'): SloEntry {
  const slo = makeSlo({ name, uid: name, displayName: name, service, tier, owner: `team-${service}` });
  return { ...makeStoredSlo(), slo, dashboardUid: `slo-${name}` };
}

const broken: SloEntry = {
  kind: 'broken',
  title: 'SLO: broken one',
  dashboardUid: 'slo-broken',
  error: { message: 'bad YAML', issues: [] },
  version: 1,
  canSave: true,
  canEdit: true,
  canDelete: true,
} as unknown as SloEntry;

const entries = [
  entry('b-checkout', 'checkout', 'critical'),
  entry('a-search', 'search'),
  entry('c-login', 'auth'),
  broken,
];
const recent = { '1h': undefined, '6h': undefined, '1d': undefined };
const rows = new Map<string, OverviewRow>([
  ['b-checkout', { slo: makeSlo(), budgetRemaining: -0.5, status: 'exhausted', team: 'team-checkout', recent }],
  ['a-search', { slo: makeSlo(), budgetRemaining: 0.9, status: 'healthy', team: 'team-search', recent }],
]);
const base: ListQuery = { search: '', sort: 'budget', page: 1 };
const names = (page: ReturnType<typeof selectListPage>) =>
  page.entries.map((e) => (e.kind === 'ok' ? e.slo.name : e.title));

describe('selectListPage', () => {
  it('puts unreadable SLOs first, then the least budget, SLOs without numbers last', () => {
    expect(names(selectListPage(entries, rows, base))).toEqual([
      'SLO: broken one',
      'b-checkout',
      'a-search',
      'c-login',
    ]);
    expect(names(selectListPage(entries, rows, { ...base, sort: 'name' }))).toEqual([
      'SLO: broken one',
      'a-search',
      'b-checkout',
      'c-login',
    ]);
  });

  it('searches name, service, owner and uid, and filters by service, team, tier and status', () => {
    expect(names(selectListPage(entries, rows, { ...base, search: 'AUTH' }))).toEqual(['c-login']);
    expect(names(selectListPage(entries, rows, { ...base, search: 'broken' }))).toEqual(['SLO: broken one']);
    expect(names(selectListPage(entries, rows, { ...base, service: 'search' }))).toEqual([
      'SLO: broken one',
      'a-search',
    ]);
    expect(names(selectListPage(entries, rows, { ...base, team: 'team-checkout' }))).toEqual([
      'SLO: broken one',
      'b-checkout',
    ]);
    expect(names(selectListPage(entries, rows, { ...base, tier: 'critical' }))).toEqual([
      'SLO: broken one',
      'b-checkout',
    ]);
    expect(names(selectListPage(entries, rows, { ...base, status: 'no-data' }))).toEqual([
      'SLO: broken one',
      'c-login',
    ]);
  });

  it('pages by 50 and keeps the page within range', () => {
    const many = Array.from({ length: 1000 }, (_, i) => entry(`slo-${String(i).padStart(4, '0')}`, 'svc'));
    const first = selectListPage(many, new Map(), base);
    expect(first).toMatchObject({ matching: 1000, pages: 20, page: 1 });
    expect(first.entries).toHaveLength(PAGE_SIZE);
    const last = selectListPage(many, new Map(), { ...base, page: 99 });
    expect(last.page).toBe(20);
    expect(names(last)[PAGE_SIZE - 1]).toBe('slo-0999');
  });
});

describe('the list query in the URL', () => {
  it('writes only what differs from the plain list, and reads it back', () => {
    const query = {
      search: 'checkout',
      service: 'payments',
      team: undefined,
      tier: 'critical',
      status: 'warning',
      sort: 'name' as const,
      page: 3,
    };
    const url = listQueryToUrl(query);
    expect(url).toEqual({
      search: 'checkout',
      service: 'payments',
      team: undefined,
      tier: 'critical',
      status: 'warning',
      sort: 'name',
      page: '3',
    });
    expect(sameListQuery(listQueryFromUrl(url), query)).toBe(true);
    expect(Object.values(listQueryToUrl({ search: '', sort: 'budget', page: 1 })).every((v) => v === undefined)).toBe(
      true
    );
  });

  it('leaves at their defaults the values a URL cannot mean', () => {
    expect(
      listQueryFromUrl({ search: ['a', 'b'], status: 'on-fire', sort: 'random', page: '-2', service: '' })
    ).toEqual({
      search: '',
      service: undefined,
      team: undefined,
      tier: undefined,
      status: undefined,
      sort: 'budget',
      page: 1,
    });
    expect(listQueryFromUrl({ page: '2.5' }).page).toBe(1);
    expect(listQueryFromUrl({ page: '12' }).page).toBe(12);
  });
});
