import React from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { makeSlo, makeStoredSlo } from '../../testing/fixtures';
import { SloConflictError, SloExistsError } from '../../api/errors';
import { testIds } from '../../components/testIds';
import { SloEditor } from './SloEditor';

let mockCanCreate = true;
jest.mock('../../api/permissions', () => ({
  ...jest.requireActual('../../api/permissions'),
  canCreateSlos: () => mockCanCreate,
}));
afterEach(() => {
  mockCanCreate = true;
});

function setup(props: Partial<React.ComponentProps<typeof SloEditor>> = {}) {
  const actions = { save: jest.fn(), reload: jest.fn(), onSaved: jest.fn() };
  render(<SloEditor stored={makeStoredSlo()} evaluationInterval="30s" {...actions} {...props} />);
  return actions;
}

describe('SloEditor', () => {
  it('is read only for a new SLO when the role cannot create dashboards, and says why', () => {
    mockCanCreate = false;
    setup({ stored: undefined });
    expect(screen.getByTestId(testIds.sloEditor.readOnly)).toHaveTextContent('dashboards:create');
    expect(screen.getByTestId(testIds.sloEditor.target)).toBeDisabled();
    expect(screen.getByTestId(testIds.sloEditor.save)).toBeDisabled();
  });

  it('does not let a read-only SLO be typed into', () => {
    setup({ stored: { ...makeStoredSlo(), canSave: false } });
    expect(screen.getByTestId(testIds.sloEditor.readOnly)).toHaveTextContent('read this SLO but not change it');
    expect(screen.getByTestId(testIds.sloEditor.owner)).toBeDisabled();
  });

  it('shows an error on the target field for 100%, and refuses to save', async () => {
    const actions = setup();
    fireEvent.change(screen.getByTestId(testIds.sloEditor.target), { target: { value: '100' } });
    expect(screen.getByTestId(testIds.sloEditor.fieldError)).toHaveTextContent('100% leaves no error budget');
    fireEvent.click(screen.getByTestId(testIds.sloEditor.save));
    expect(await screen.findByTestId(testIds.sloEditor.errorSummary)).toHaveTextContent('spec.objectives[0].target');
    expect(actions.save).not.toHaveBeenCalled();
  });

  it('saves a valid edit', async () => {
    const actions = setup();
    actions.save.mockResolvedValue({ dashboardUid: 'slo-checkout-availability', version: 4 });
    fireEvent.change(screen.getByTestId(testIds.sloEditor.owner), { target: { value: 'team-shop' } });
    fireEvent.click(screen.getByTestId(testIds.sloEditor.save));
    await waitFor(() => expect(actions.onSaved).toHaveBeenCalled());
    expect(actions.save.mock.calls[0][0].owner).toBe('team-shop');
    expect(actions.save.mock.calls[0][1].version).toBe(3);
  });

  it('shows the conflict on 412 and keeps the edit on screen', async () => {
    const actions = setup();
    actions.save.mockRejectedValue(new SloConflictError('checkout-availability', 'alice', '2025-01-02 03:04', 4));
    actions.reload.mockResolvedValue(
      makeStoredSlo({ version: 4, slo: makeSlo({ annotations: { runbook: 'https://runbooks.example.com/theirs' } }) })
    );
    fireEvent.change(screen.getByTestId(testIds.sloEditor.owner), { target: { value: 'team-shop' } });
    fireEvent.click(screen.getByTestId(testIds.sloEditor.save));
    const conflict = await screen.findByTestId(testIds.sloEditor.conflict);
    expect(conflict).toHaveTextContent('alice (at 2025-01-02 03:04) changed this SLO after you opened it');
    expect(screen.getByTestId(testIds.sloEditor.owner)).toHaveValue('team-shop');
    fireEvent.click(screen.getByTestId(testIds.sloEditor.conflictReload));
    expect(await screen.findByTestId(testIds.sloEditor.conflictTheirs)).toBeInTheDocument();
    expect(screen.getByTestId(testIds.sloEditor.owner)).toHaveValue('team-shop');
    actions.save.mockResolvedValue({ dashboardUid: 'slo-checkout-availability', version: 5 });
    fireEvent.click(screen.getByTestId(testIds.sloEditor.save));
    await waitFor(() => expect(actions.onSaved).toHaveBeenCalled());
    expect(actions.save.mock.calls[1][1].version).toBe(4);
    expect(actions.save.mock.calls[1][0].annotations.runbook).toBe('https://runbooks.example.com/theirs');
    expect(actions.save.mock.calls[1][0].owner).toBe('team-shop');
  });

  it('puts a taken name on the name field', async () => {
    const actions = setup({ stored: undefined });
    actions.save.mockRejectedValue(new SloExistsError('checkout-availability'));
    const fill: Array<[string, string]> = [
      [testIds.sloEditor.name, 'checkout-availability'],
      [testIds.sloEditor.service, 'checkout'],
      [testIds.sloEditor.total, 'http_requests_total'],
      [testIds.sloEditor.events, 'http_requests_total{code=~"5.."}'],
    ];
    fill.forEach(([id, value]) => fireEvent.change(screen.getByTestId(id), { target: { value } }));
    fireEvent.click(screen.getByTestId(testIds.sloEditor.save));
    expect(await screen.findByTestId(testIds.sloEditor.fieldError)).toHaveTextContent('already exists');
  });
});
