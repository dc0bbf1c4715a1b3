import React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { makeSlo, makeStoredSlo } from '../../testing/fixtures';
import { testIds } from '../../components/testIds';
import { SloEditor } from './SloEditor';
import { duplicateForm, sloToForm } from './sloForm';
import { formToDocument } from './formDocument';
import { parseNativeDocument } from '../../formats/native';
import { sloToDashboard, sloToYaml } from '../../storage/sloDashboard';
import type { Slo } from '../../slo/types';

const ids = testIds.sloEditor;

function setup(slo?: Slo) {
  const actions = { save: jest.fn(), reload: jest.fn(), onSaved: jest.fn() };
  const stored = slo ? makeStoredSlo({ slo, yaml: sloToYaml(slo), dashboard: sloToDashboard(slo) }) : makeStoredSlo();
  render(<SloEditor evaluationInterval="30s" stored={stored} {...actions} />);
  actions.save.mockResolvedValue({ dashboardUid: 'slo-checkout-availability', version: 4 });
  return actions;
}

const change = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

const reviewed = makeSlo({
  status: 'draft',
  owners: { product: 'Dana', sre: 'payments-sre' },
  review: { interval: '30d', last: { date: '2026-11-02', by: 'dana', note: 'Target holds.' } },
});

describe('SloEditor: ownership and review', () => {
  it('shows an SLO without status as active, with no owners and not reviewed yet', () => {
    setup();
    expect(within(screen.getByTestId(ids.status)).getByLabelText('Active')).toBeChecked();
    expect(screen.getByTestId(ids.statusEffect)).toHaveTextContent('Rules record and alerts fire as configured.');
    expect(screen.getByTestId(ids.productOwner)).toHaveValue('');
    expect(screen.getByTestId(ids.reviewInterval)).toHaveAttribute('placeholder', '90d');
    expect(screen.getByTestId(ids.lastReview)).toHaveTextContent('Not reviewed yet');
    expect(screen.queryByTestId(ids.draftAlertsNote)).not.toBeInTheDocument();
  });

  it('shows the owners, the interval and the last review of an SLO, and says a draft only tickets', () => {
    setup(reviewed);
    expect(within(screen.getByTestId(ids.status)).getByLabelText('Draft')).toBeChecked();
    expect(screen.getByTestId(ids.statusEffect)).toHaveTextContent(
      'Rules record, and every alert that would page is a ticket until the SLO is active.'
    );
    expect(screen.getByTestId(ids.draftAlertsNote)).toHaveTextContent(
      'Alerts set to Page are sent as tickets, with a line saying so, until the SLO is active.'
    );
    expect(screen.getByTestId(ids.productOwner)).toHaveValue('Dana');
    expect(screen.getByTestId(ids.sreOwner)).toHaveValue('payments-sre');
    expect(screen.getByTestId(ids.reviewInterval)).toHaveValue('30d');
    expect(screen.getByTestId(ids.lastReview)).toHaveTextContent('Last reviewed on 2026-11-02 by dana: Target holds.');
  });

  it('saves status, owners and interval, and keeps the last review', async () => {
    const actions = setup(reviewed);
    fireEvent.click(within(screen.getByTestId(ids.status)).getByLabelText('Retired'));
    expect(screen.getByTestId(ids.draftAlertsNote)).toHaveTextContent('no alert below fires while the SLO is retired');
    change(ids.productOwner, '  Priya ');
    change(ids.sreOwner, '');
    change(ids.reviewInterval, '26w');
    fireEvent.click(screen.getByTestId(ids.save));
    await waitFor(() => expect(actions.save).toHaveBeenCalled());
    const saved: Slo = actions.save.mock.calls[0][0];
    expect([saved.status, saved.owners, saved.review]).toEqual([
      'retired',
      { product: 'Priya' },
      { interval: '26w', last: { date: '2026-11-02', by: 'dana', note: 'Target holds.' } },
    ]);
  });

  it('names the review interval that is not one', () => {
    setup();
    change(ids.reviewInterval, '12h');
    expect(screen.getByTestId(ids.fieldError)).toHaveTextContent('must be at least 1d, got 12h');
    change(ids.reviewInterval, 'quarterly');
    expect(screen.getByTestId(ids.fieldError)).toHaveTextContent(
      'must be a duration such as 90d or 4w, got "quarterly"'
    );
  });
});

describe('sloForm ownership and review', () => {
  it('writes back what was loaded, and nothing for an SLO without them', () => {
    expect(parseNativeDocument(formToDocument(sloToForm(reviewed), reviewed)).slo).toEqual(reviewed);
    const plain = makeSlo();
    expect(parseNativeDocument(formToDocument(sloToForm(plain), plain)).slo).toEqual(plain);
  });

  it('does not copy the last review into a duplicate', () => {
    const doc = formToDocument(duplicateForm(reviewed), undefined, reviewed);
    expect(parseNativeDocument(doc).slo?.review).toEqual({ interval: '30d' });
  });
});
