import { fakeReviewGrafana as fakeGrafana, savedOnce } from '../testing/reviewGrafana';
import { dashboardToReview, reviewToDashboard } from '../storage/reviewDashboard';
import { movedFromBrowser, withEntries, type SharedAction, type SharedNote } from '../decisions/sharedReview';
import { BrokenReviewError, listOpenActions, loadReview, saveReview } from './reviewStore';

jest.mock('@grafana/runtime', () => jest.requireActual('../testing/backendSrv').fakeRuntime);

const WEEK = '2026-11-30';
const UID = 'burnrate-review-2026-11-30';
const AT = '2026-12-01T09:00:00.000Z';

function note(id: string, text: string, by = 'ana'): SharedNote {
  return { id, text, by, at: AT };
}
function action(id: string, text: string, extra: Partial<SharedAction> = {}): SharedAction {
  return { id, text, owner: 'ana', done: false, by: 'ana', at: AT, ...extra };
}

describe('review storage', () => {
  it('round-trips through the dashboard, user text inside a fence it cannot close', () => {
    const review = { week: WEEK, notes: [note('n1', '```\n<script>alert(1)</script>')], actions: [action('a1', 'x')] };
    const dashboard = reviewToDashboard(review);
    expect(dashboardToReview(dashboard)).toEqual({ review });
    expect(dashboard).toMatchObject({ uid: UID, tags: ['burnrate-review'] });
  });

  it('names the field of a stored review that is not valid', () => {
    const dashboard = reviewToDashboard({ week: WEEK, notes: [], actions: [action('a1', 'x', { due: 'soon' })] });
    expect(dashboardToReview(dashboard)).toEqual({
      error: 'the stored review is not valid: actions.0.due: a date YYYY-MM-DD',
    });
  });

  it('is empty while nothing is saved for the week, asking in a way that answers 200', async () => {
    const { calls } = fakeGrafana();
    expect(await loadReview(WEEK)).toEqual({ review: { week: WEEK, notes: [], actions: [] }, canSave: true });
    expect(calls.map((c) => c.url)).toEqual(['/api/search']);
  });

  it('creates the week and saves over the version it loaded', async () => {
    const grafana = fakeGrafana();
    const loaded = await loadReview(WEEK);
    const mine = { ...loaded.review, notes: [note('n1', 'Checkout burnt 40%')] };
    const { saved, conflicts } = await saveReview(loaded, mine, 'slos');
    expect([saved.stored?.version, conflicts]).toEqual([1, []]);
    expect(grafana.stored(WEEK)).toEqual(mine);
    const again = { ...mine, actions: [action('a1', 'Add a canary')] };
    expect((await saveReview(saved, again, 'slos')).saved.stored?.version).toBe(2);
    expect(grafana.stored(WEEK)).toEqual(again);
  });

  it('merges edits of different entries saved at once, without overwriting either', async () => {
    const base = { week: WEEK, notes: [note('n1', 'first')], actions: [action('a1', 'Add a canary')] };
    const grafana = fakeGrafana(savedOnce(base));
    const ana = await loadReview(WEEK);
    const bo = await loadReview(WEEK);
    await saveReview(ana, { ...base, notes: [...base.notes, note('n2', 'from ana')] }, 'slos');
    const boEdit = { ...base, actions: [{ ...base.actions[0], done: true, editedBy: 'bo', editedAt: AT }] };
    const { saved, conflicts } = await saveReview(bo, boEdit, 'slos');
    expect(conflicts).toEqual([]);
    expect(saved.stored?.version).toBe(3);
    expect(grafana.stored(WEEK)).toEqual({
      week: WEEK,
      notes: [note('n1', 'first'), note('n2', 'from ana')],
      actions: [boEdit.actions[0]],
    });
    expect(grafana.calls.filter((c) => c.method === 'POST').length).toBe(3);
  });

  it('keeps the stored version of an entry both changed, and tells the user theirs', async () => {
    const base = { week: WEEK, notes: [note('n1', 'first')], actions: [] };
    const grafana = fakeGrafana(savedOnce(base));
    const ana = await loadReview(WEEK);
    const bo = await loadReview(WEEK);
    const anaNote = { ...note('n1', 'first, by ana'), editedBy: 'ana', editedAt: AT };
    const boNote = { ...note('n1', 'first, by bo'), editedBy: 'bo', editedAt: AT };
    await saveReview(ana, { ...base, notes: [anaNote] }, 'slos');
    const { conflicts } = await saveReview(bo, { ...base, notes: [boNote] }, 'slos');
    expect(grafana.stored(WEEK)?.notes).toEqual([anaNote]);
    expect(conflicts).toEqual([{ kind: 'note', mine: boNote, theirs: anaNote }]);
  });

  it('keeps an entry one side removed and the other changed', async () => {
    const base = { week: WEEK, notes: [note('n1', 'first')], actions: [] };
    const grafana = fakeGrafana(savedOnce(base));
    const ana = await loadReview(WEEK);
    const bo = await loadReview(WEEK);
    const changed = { ...note('n1', 'changed'), editedBy: 'ana', editedAt: AT };
    await saveReview(ana, { ...base, notes: [changed] }, 'slos');
    const { conflicts } = await saveReview(bo, { ...base, notes: [] }, 'slos');
    expect(grafana.stored(WEEK)?.notes).toEqual([changed]);
    expect(conflicts).toEqual([{ kind: 'note', theirs: changed }]);
  });

  it('removes an entry nobody else changed', async () => {
    const base = { week: WEEK, notes: [note('n1', 'first'), note('n2', 'second')], actions: [] };
    const grafana = fakeGrafana(savedOnce(base));
    const ana = await loadReview(WEEK);
    const bo = await loadReview(WEEK);
    await saveReview(ana, { ...base, notes: [note('n1', 'first'), note('n2', 'second'), note('n3', 'third')] }, 'slos');
    await saveReview(bo, { ...base, notes: [note('n2', 'second')] }, 'slos');
    expect(grafana.stored(WEEK)?.notes.map((n) => n.id)).toEqual(['n2', 'n3']);
  });

  it('merges into a week someone else created after it was loaded', async () => {
    const grafana = fakeGrafana();
    const ana = await loadReview(WEEK);
    const bo = await loadReview(WEEK);
    await saveReview(ana, { week: WEEK, notes: [note('n1', 'ana')], actions: [] }, 'slos');
    await saveReview(bo, { week: WEEK, notes: [note('n2', 'bo', 'bo')], actions: [] }, 'slos');
    expect(grafana.stored(WEEK)?.notes.map((n) => n.text)).toEqual(['ana', 'bo']);
  });

  it('refuses to save over a dashboard that does not hold a readable review', async () => {
    const broken = { ...reviewToDashboard({ week: WEEK, notes: [], actions: [] }), panels: [] };
    fakeGrafana({ [UID]: { dashboard: broken, version: 4 } });
    const loaded = await loadReview(WEEK);
    expect(loaded.broken).toMatch(/no text panel/);
    await expect(saveReview(loaded, { week: WEEK, notes: [note('n1', 'x')], actions: [] }, 'slos')).rejects.toThrow(
      BrokenReviewError
    );
  });

  it('moves notes from a browser once: moving them again adds nothing', async () => {
    const grafana = fakeGrafana();
    const local = { notes: 'from the old browser', actions: [{ text: 'Fix paging', owner: 'bo', done: false }] };
    const first = await loadReview(WEEK);
    const moved = movedFromBrowser(WEEK, local, 'ana', AT);
    const { saved } = await saveReview(first, withEntries(first.review, moved), 'slos');
    expect(grafana.stored(WEEK)?.notes.map((n) => [n.text, n.by])).toEqual([['from the old browser', 'ana']]);
    // The browser did not forget them (a reload before it could): moved again, later, by someone else.
    const again = movedFromBrowser(WEEK, local, 'bo', '2026-12-02T00:00:00.000Z');
    await saveReview(saved, withEntries(saved.review, again), 'slos');
    expect(grafana.stored(WEEK)?.notes.length).toBe(1);
    expect(grafana.stored(WEEK)?.actions.map((a) => [a.text, a.owner])).toEqual([['Fix paging', 'bo']]);
  });

  it('lists the open action items of every week, soonest due first', async () => {
    const older = {
      week: '2026-11-23',
      notes: [],
      actions: [action('a1', 'done one', { done: true }), action('a2', 'no due date')],
    };
    const newer = { week: WEEK, notes: [], actions: [action('a3', 'due soon', { due: '2026-12-03' })] };
    const grafana = fakeGrafana({ ...savedOnce(older), ...savedOnce(newer) });
    const { open, unreadable, olderReviews } = await listOpenActions('slos');
    expect(open.map((o) => [o.week, o.action.text])).toEqual([
      [WEEK, 'due soon'],
      ['2026-11-23', 'no due date'],
    ]);
    expect([unreadable, olderReviews]).toEqual([0, 0]);
    // Only the newest weeks are read; the others are counted.
    const newest = await listOpenActions('slos', undefined, 1);
    expect(newest.open.map((o) => o.week)).toEqual([WEEK]);
    expect(newest.olderReviews).toBe(1);
    expect(grafana.calls[0].params).toEqual({
      type: 'dash-db',
      tag: 'burnrate-review',
      limit: 5000,
      folderUIDs: 'slos',
    });
  });
});
