import type { SloEntry } from '../../api/sloStore';
import { STATUS_FILTERS, type OverviewRow } from '../Overview/overviewRows';
import { pageFromUrl, pageOf } from '../../utils/paging';

/** What the list shows: a search, filters, an order and a page. */
export interface ListQuery {
  search: string;
  service?: string;
  team?: string;
  tier?: string;
  status?: string;
  sort: 'budget' | 'name';
  page: number;
}

export const PAGE_SIZE = 50;

/** The URL keys of the list's query: a filtered list can be shared and survives a reload. */
export const LIST_URL_KEYS: Array<keyof ListQuery> = ['search', 'service', 'team', 'tier', 'status', 'sort', 'page'];

type UrlValues = Record<string, string | string[] | null | undefined>;

/** The query in the URL, defaults left out (an unfiltered list has a plain URL). */
export function listQueryToUrl(query: ListQuery): Record<string, string | undefined> {
  return {
    search: query.search || undefined,
    service: query.service,
    team: query.team,
    tier: query.tier,
    status: query.status,
    sort: query.sort === 'name' ? 'name' : undefined,
    page: query.page > 1 ? String(query.page) : undefined,
  };
}

export function sameListQuery(a: ListQuery, b: ListQuery): boolean {
  return LIST_URL_KEYS.every((key) => a[key] === b[key]);
}

/** The query a URL asks for; what it cannot mean (an unknown status or order, a page that is no number) is left at its default. */
export function listQueryFromUrl(values: UrlValues): ListQuery {
  const text = (key: string) => {
    const value = values[key];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const status = text('status');
  return {
    search: text('search') ?? '',
    service: text('service'),
    team: text('team'),
    tier: text('tier'),
    status: status !== undefined && (STATUS_FILTERS as readonly string[]).includes(status) ? status : undefined,
    sort: text('sort') === 'name' ? 'name' : 'budget',
    page: pageFromUrl(values.page),
  };
}

export interface ListPage {
  entries: SloEntry[];
  /** Entries that match, on every page. */
  matching: number;
  pages: number;
  /** The page shown (the last one when the query's page is past it). */
  page: number;
}

function entryName(entry: SloEntry): string {
  return entry.kind === 'ok' ? (entry.slo.displayName ?? entry.slo.name) : entry.title;
}

/**
 * The entries of one page. Stored SLOs that cannot be read match the search only (they have no
 * service or status to filter on) and come first: they need someone's attention. Sorting by budget
 * puts the least budget first and SLOs without numbers last.
 */
export function selectListPage(
  entries: SloEntry[],
  rows: ReadonlyMap<string, OverviewRow>,
  query: ListQuery
): ListPage {
  const needle = query.search.trim().toLowerCase();
  const matchesSearch = (entry: SloEntry) => {
    if (needle === '') {
      return true;
    }
    const fields =
      entry.kind === 'ok'
        ? [entry.slo.name, entry.slo.displayName ?? '', entry.slo.service, entry.slo.owner ?? '', entry.slo.uid]
        : [entry.title];
    return fields.some((f) => f.toLowerCase().includes(needle));
  };
  const broken = entries.filter((e) => e.kind !== 'ok' && matchesSearch(e));
  const ok = entries.filter((e): e is Extract<SloEntry, { kind: 'ok' }> => {
    if (e.kind !== 'ok' || !matchesSearch(e)) {
      return false;
    }
    const row = rows.get(e.slo.uid);
    return (
      (!query.service || e.slo.service === query.service) &&
      (!query.team || row?.team === query.team) &&
      (!query.tier || e.slo.tier === query.tier) &&
      (!query.status || (row?.status ?? 'no-data') === query.status)
    );
  });
  const byName = (a: SloEntry, b: SloEntry) => entryName(a).localeCompare(entryName(b));
  ok.sort((a, b) => {
    if (query.sort === 'budget') {
      const ra = rows.get(a.slo.uid)?.budgetRemaining ?? Infinity;
      const rb = rows.get(b.slo.uid)?.budgetRemaining ?? Infinity;
      if (ra !== rb) {
        return ra < rb ? -1 : 1;
      }
    }
    return byName(a, b);
  });
  const all = [...broken.sort(byName), ...ok];
  const { items, page, pages } = pageOf(all, query.page, PAGE_SIZE);
  return { entries: items, matching: all.length, pages, page };
}
