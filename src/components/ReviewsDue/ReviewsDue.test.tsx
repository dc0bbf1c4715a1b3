import React from 'react';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { BackendSrvRequest } from '@grafana/runtime';
import { MemoryRouter } from 'react-router-dom';
import { makeSlo } from '../../testing/fixtures';
import { useRoutes as serveRoutes } from '../../testing/backendSrv';
import { dashboardToSlo, dashboardUidForSlo, sloToDashboard } from '../../storage/sloDashboard';
import { sloIndexUid } from '../../storage/sloIndex';
import type { Slo } from '../../slo/types';
import { testIds } from '../testIds';
import { listSlos } from '../../api/sloStore';
import { LoadedReviewsDue, ReviewsDue } from './ReviewsDue';
import { createdSeconds, reviewRows } from './reviewRows';

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('../../testing/backendSrv').fakeRuntime,
  config: { bootData: { user: { login: 'dana', name: 'Dana Okafor' } } },
}));

const ids = testIds.reviewsDue;
const NOW = Date.parse('2026-12-04T12:00:00Z');
/** Loads and saves go through promises: a loaded machine may take more than the default second. */
const LOADED = { timeout: 5000 };
const meta = { canSave: true, canEdit: true, version: 4, updatedBy: 'alice', updated: '2026-12-04T11:00:00Z' };

const overdue = makeSlo({
  name: 'checkout-availability',
  uid: 'checkout-availability',
  displayName: 'Checkout availability',
  owners: { product: 'Priya', sre: 'payments-sre' },
  review: { last: { date: '2026-06-01', by: 'jonas', note: 'Keep 99.9%.' } },
});
const young = makeSlo({ name: 'young', uid: 'young', displayName: undefined });
const retired = makeSlo({ name: 'old', uid: 'old', displayName: undefined, status: 'retired' });
const unknownAge = makeSlo({ name: 'draft-api', uid: 'draft-api', displayName: undefined, status: 'draft' });
const created: Record<string, string> = { young: '2026-11-20T09:00:00Z', 'draft-api': '0001-01-01T00:00:00Z' };

type Route = [string, string | RegExp, (request: BackendSrvRequest) => { status?: number; data: unknown }];

function routes(slos: Slo[], extra: Route[] = []): BackendSrvRequest[] {
  return serveRoutes([
    ...extra,
    ['GET', '/api/search', () => ({ data: slos.map((s) => ({ uid: dashboardUidForSlo(s.uid) })) })],
    ...slos.map((s): Route => [
      'GET',
      `/api/dashboards/uid/${dashboardUidForSlo(s.uid)}`,
      () => ({ data: { dashboard: sloToDashboard(s), meta: { ...meta, created: created[s.uid] } } }),
    ]),
  ]);
}

/** The folder's SLO index: each listing here rebuilds it (the routes keep nothing), its saves are not the SLOs'. */
const INDEX_UID = sloIndexUid('slos');
const touchesIndex = (request: BackendSrvRequest) =>
  request.url.endsWith(INDEX_UID) ||
  (request.data as { dashboard?: { uid?: unknown } } | undefined)?.dashboard?.uid === INDEX_UID;
const sloPosts = (calls: BackendSrvRequest[]) => calls.filter((c) => c.method === 'POST' && !touchesIndex(c));

const savedSlo = (request: BackendSrvRequest) => {
  const decoded = dashboardToSlo((request.data as { dashboard: Record<string, unknown> }).dashboard);
  return 'slo' in decoded ? decoded.slo : undefined;
};

const show = (element: React.ReactElement) => render(<MemoryRouter>{element}</MemoryRouter>);

beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(NOW));
afterEach(() => jest.restoreAllMocks());

describe('reviewRows', () => {
  it('lists overdue, then never reviewed, then due; never a retired SLO nor one not due yet', () => {
    const entry = (slo: Slo, createdAt?: string) => ({
      kind: 'ok' as const,
      slo,
      yaml: '',
      dashboardUid: slo.uid,
      dashboard: {},
      version: 1,
      canSave: true,
      canEdit: true,
      canDelete: true,
      provisioned: false,
      ...(createdAt && { created: createdAt }),
    });
    const dueSoon = makeSlo({ name: 'soon', uid: 'soon', review: { last: { date: '2026-09-10', by: 'x' } } });
    const rows = reviewRows(
      [entry(dueSoon), entry(young, created.young), entry(retired), entry(unknownAge), entry(overdue)],
      NOW / 1000
    );
    expect(rows.map((r) => `${r.entry.slo.name}: ${r.due.text}`)).toEqual([
      'checkout-availability: review overdue by 96 days (due 2026-08-30)',
      'draft-api: never reviewed',
      'soon: review due in 5 days (2026-12-09)',
    ]);
  });

  it("reads Grafana's created time, not its zero time", () => {
    expect(createdSeconds('2026-11-20T09:00:00Z')).toBe(Date.parse('2026-11-20T09:00:00Z') / 1000);
    expect(createdSeconds('0001-01-01T00:00:00Z')).toBeUndefined();
    expect(createdSeconds(undefined)).toBeUndefined();
  });
});

describe('ReviewsDue', () => {
  it('shows the SLOs the page loaded without reading them again', async () => {
    const calls = routes([overdue]);
    const entries = await listSlos('slos');
    calls.length = 0;
    show(<ReviewsDue folderUid="slos" entries={entries} />);
    expect(screen.getAllByTestId(ids.row).map((r) => r.textContent)).toEqual([
      expect.stringContaining('Checkout availability'),
    ]);
    expect(calls).toEqual([]);
  });

  it('lists the SLOs to review with their owners and last review', async () => {
    routes([overdue, young, retired, unknownAge]);
    show(<LoadedReviewsDue folderUid="slos" />);
    const rows = await screen.findAllByTestId(ids.row, {}, LOADED);
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining(
        'Checkout availabilityActiveproduct: Priya, SRE: payments-sre2026-06-01 by jonas: Keep 99.9%.'
      ),
      expect.stringContaining('draft-apiDraftno ownersnone'),
    ]);
    expect(within(rows[0]).getByTestId(ids.due)).toHaveTextContent('overdue');
    expect(within(rows[0]).getByTestId(ids.due)).toHaveTextContent(
      'review overdue by 96 days (due 2026-08-30), every 90d'
    );
    expect(within(rows[1]).getByTestId(ids.due)).toHaveTextContent('never reviewed, every 90d');
  });

  it('leaves the section out when nothing is due, unless asked to say so', async () => {
    const calls = routes([young, retired]);
    show(
      <>
        <LoadedReviewsDue folderUid="slos" />
        <LoadedReviewsDue folderUid="slos" showEmpty />
      </>
    );
    expect(await screen.findByTestId(ids.empty, {}, LOADED)).toHaveTextContent('No SLO review is due.');
    // Both have read one shared listing (the search and the two dashboards, once), and rendered what they read.
    await waitFor(() => expect(calls.filter((c) => !touchesIndex(c))).toHaveLength(3));
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(screen.getAllByTestId(ids.container)).toHaveLength(1);
  });

  it('marks an SLO reviewed by the signed-in user, today, with the note, saved over the version loaded', async () => {
    const calls = routes([overdue], [['POST', '/api/dashboards/db', () => ({ data: { uid: 'x', version: 5 } })]]);
    show(<LoadedReviewsDue folderUid="slos" />);
    fireEvent.click(await screen.findByTestId(ids.mark, {}, LOADED));
    fireEvent.change(screen.getByTestId(ids.note), { target: { value: 'Target holds; review after the migration.' } });
    fireEvent.click(screen.getByTestId(ids.save));
    expect(await screen.findByTestId(ids.saved, {}, LOADED)).toHaveTextContent(
      'Marked reviewed: Checkout availability.'
    );
    expect(screen.queryByTestId(ids.row)).not.toBeInTheDocument();
    const [post] = sloPosts(calls);
    expect((post.data as { dashboard: { version: number } }).dashboard.version).toBe(4);
    expect(savedSlo(post)).toEqual({
      ...overdue,
      review: { last: { date: '2026-12-04', by: 'dana', note: 'Target holds; review after the migration.' } },
    });
  });

  it('loads the newer version on a conflict, keeps the note, and saves over the newer one', async () => {
    let posts = 0;
    const theirs = { ...overdue, owners: { product: 'Priya', sre: 'search-sre' } };
    const calls = routes(
      [overdue],
      [
        [
          'POST',
          '/api/dashboards/db',
          (request) =>
            touchesIndex(request)
              ? { status: 403, data: { message: 'not in this test' } }
              : ++posts === 1
                ? { status: 412, data: { status: 'version-mismatch' } }
                : { data: { uid: 'x', version: 7 } },
        ],
        [
          'GET',
          '/api/dashboards/uid/slo-checkout-availability',
          () =>
            posts === 0
              ? { data: { dashboard: sloToDashboard(overdue), meta } }
              : { data: { dashboard: sloToDashboard(theirs), meta: { ...meta, version: 6 } } },
        ],
      ]
    );
    show(<LoadedReviewsDue folderUid="slos" />);
    fireEvent.click(await screen.findByTestId(ids.mark, {}, LOADED));
    fireEvent.change(screen.getByTestId(ids.note), { target: { value: 'Fine.' } });
    fireEvent.click(screen.getByTestId(ids.save));
    expect(await screen.findByTestId(ids.conflict, {}, LOADED)).toHaveTextContent(
      'alice (at 2026-12-04T11:00:00Z) changed this SLO after you opened it. Their version is loaded: save again to mark it reviewed.'
    );
    expect(screen.getByTestId(ids.note)).toHaveValue('Fine.');
    expect(screen.getByTestId(ids.row)).toHaveTextContent('SRE: search-sre');
    fireEvent.click(screen.getByTestId(ids.save));
    expect(await screen.findByTestId(ids.saved, {}, LOADED)).toBeInTheDocument();
    const last = sloPosts(calls)[1];
    expect((last.data as { dashboard: { version: number } }).dashboard.version).toBe(6);
    expect(savedSlo(last)).toEqual({ ...theirs, review: { last: { date: '2026-12-04', by: 'dana', note: 'Fine.' } } });
  });
});
