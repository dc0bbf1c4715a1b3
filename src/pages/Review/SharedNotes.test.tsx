import React from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { fakeReviewGrafana, savedOnce } from '../../testing/reviewGrafana';
import { testIds } from '../../components/testIds';
import type { ReviewNotes } from '../../decisions/weeklyReview';
import { OpenActions } from '../../components/OpenActions/OpenActions';
import { SharedNotes } from './SharedNotes';

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('../../testing/backendSrv').fakeRuntime,
  config: { bootData: { user: { login: 'dana', name: 'Dana Okafor' } } },
}));

const ids = testIds.review;
const WEEK = '2026-11-30';
const AT = '2026-12-01T09:00:00.000Z';
const LOADED = { timeout: 5000 };

function show(onChange: (notes: ReviewNotes) => void = () => undefined) {
  return render(
    <MemoryRouter>
      <SharedNotes week={WEEK} folderUid="slos" onChange={onChange} />
    </MemoryRouter>
  );
}

afterEach(() => window.localStorage.clear());

describe('SharedNotes', () => {
  it('shows who wrote each entry and saves a new note as the signed-in user', async () => {
    const grafana = fakeReviewGrafana(
      savedOnce({ week: WEEK, notes: [{ id: 'n1', text: 'Checkout burst', by: 'ana', at: AT }], actions: [] })
    );
    const onChange = jest.fn();
    show(onChange);
    expect(await screen.findByLabelText('Note 1', {}, LOADED)).toHaveValue('Checkout burst');
    expect(screen.getByTestId(ids.author)).toHaveTextContent('ana, 2026-12-01 09:00 UTC');
    expect(onChange).toHaveBeenLastCalledWith({ notes: 'Checkout burst', actions: [] });
    fireEvent.click(screen.getByTestId(ids.addNote));
    fireEvent.change(screen.getByLabelText('Note 2'), { target: { value: '<b>not bold</b>' } });
    expect(screen.getByTestId(ids.notesStatus)).toHaveTextContent('Unsaved changes');
    fireEvent.click(screen.getByTestId(ids.saveNotes));
    await waitFor(() => expect(screen.getByTestId(ids.notesStatus)).toHaveTextContent('Saved'), LOADED);
    expect(grafana.stored(WEEK)?.notes.map((n) => [n.text, n.by])).toEqual([
      ['Checkout burst', 'ana'],
      ['<b>not bold</b>', 'dana'],
    ]);
    // User text is text: no element was made of it.
    expect(document.querySelector('b')).toBeNull();
  });

  it('merges with a save made meanwhile and tells the user of an entry both changed', async () => {
    const base = { week: WEEK, notes: [{ id: 'n1', text: 'first', by: 'ana', at: AT }], actions: [] };
    const grafana = fakeReviewGrafana(savedOnce(base));
    show();
    fireEvent.change(await screen.findByLabelText('Note 1', {}, LOADED), { target: { value: 'first, by dana' } });
    // Someone else saves the same note meanwhile.
    const theirs = { ...base, notes: [{ ...base.notes[0], text: 'first, by bo', editedBy: 'bo', editedAt: AT }] };
    grafana.dashboards['burnrate-review-2026-11-30'] = savedOnce(theirs)['burnrate-review-2026-11-30'];
    grafana.dashboards['burnrate-review-2026-11-30'].version = 2;
    fireEvent.click(screen.getByTestId(ids.saveNotes));
    expect(await screen.findByTestId(ids.notesConflict, {}, LOADED)).toHaveTextContent(
      'The note "first, by bo" was changed by bo while you changed it: theirs was kept; yours was "first, by dana"'
    );
    expect(screen.getByLabelText('Note 1')).toHaveValue('first, by bo');
  });

  it('offers the notes this browser kept for moving into Grafana, once', async () => {
    window.localStorage.setItem(
      'burnrate.weekly-review.2026-11-23',
      JSON.stringify({ notes: 'kept locally', actions: [{ text: 'Fix paging', owner: 'bo', done: false }] })
    );
    window.localStorage.setItem('burnrate.weekly-review.2026-11-16', JSON.stringify({ notes: '', actions: [] }));
    const grafana = fakeReviewGrafana();
    show();
    const offer = await screen.findByTestId(ids.moveOffer, {}, LOADED);
    expect(offer).toHaveTextContent('the weeks 2026-11-23 from before');
    fireEvent.click(screen.getByTestId(ids.moveNotes));
    expect(await screen.findByTestId(ids.moved, {}, LOADED)).toHaveTextContent('Moved the notes of 2026-11-23');
    expect(screen.queryByTestId(ids.moveOffer)).not.toBeInTheDocument();
    expect(window.localStorage.getItem('burnrate.weekly-review.2026-11-23')).toBeNull();
    expect(grafana.stored('2026-11-23')).toMatchObject({
      notes: [{ text: 'kept locally', by: 'dana' }],
      actions: [{ text: 'Fix paging', owner: 'bo', done: false, by: 'dana' }],
    });
  });

  it('is read-only for a user who cannot save, and says so', async () => {
    fakeReviewGrafana(savedOnce({ week: WEEK, notes: [{ id: 'n1', text: 'x', by: 'ana', at: AT }], actions: [] }), {
      canSave: false,
    });
    show();
    expect(await screen.findByLabelText('Note 1', {}, LOADED)).toBeDisabled();
    expect(screen.getByText(/saving them needs edit rights/)).toBeInTheDocument();
  });
});

describe('OpenActions', () => {
  it('lists the open action items of every week with owner and due date, overdue first', async () => {
    jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-12-04T12:00:00Z'));
    fakeReviewGrafana({
      ...savedOnce({
        week: '2026-11-23',
        notes: [],
        actions: [
          { id: 'a1', text: 'Add a canary', owner: 'payments', due: '2026-12-01', done: false, by: 'ana', at: AT },
          { id: 'a2', text: 'Done already', owner: 'x', done: true, by: 'ana', at: AT },
        ],
      }),
      ...savedOnce({
        week: WEEK,
        notes: [],
        actions: [{ id: 'a3', text: 'Tune paging', owner: '', due: '2026-12-20', done: false, by: 'bo', at: AT }],
      }),
    });
    render(
      <MemoryRouter>
        <OpenActions folderUid="slos" />
      </MemoryRouter>
    );
    const rows = await screen.findAllByTestId(testIds.openActions.row, {}, LOADED);
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringMatching(/^Add a canarypaymentsoverdue: 2026-12-01week of 2026-11-23ana/),
      expect.stringMatching(/^Tune pagingno owner2026-12-20week of 2026-11-30bo/),
    ]);
    jest.restoreAllMocks();
  });
});
