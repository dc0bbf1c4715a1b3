import React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { makeSlo, makeStoredSlo } from '../../testing/fixtures';
import { testIds } from '../../components/testIds';
import { SloEditor } from './SloEditor';
import { emptyForm, sloToForm } from './sloForm';
import { formToDocument } from './formDocument';
import { parseNativeDocument } from '../../formats/native';
import { sloToDashboard, sloToYaml } from '../../storage/sloDashboard';

const ids = testIds.sloEditor;

function setup(props: Partial<React.ComponentProps<typeof SloEditor>> = {}) {
  const actions = { save: jest.fn(), reload: jest.fn(), onSaved: jest.fn() };
  render(<SloEditor evaluationInterval="30s" {...actions} {...props} />);
  return actions;
}

const change = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe('SloEditor: events or time slices', () => {
  it('explains events, then time slices with their length and target, and says the budget in bad time', () => {
    setup({ stored: makeStoredSlo() });
    expect(screen.getByTestId(ids.budgetingHelp)).toHaveTextContent('Events: the target is the share of good events');
    expect(screen.queryByTestId(ids.sliceWindow)).not.toBeInTheDocument();
    fireEvent.click(within(screen.getByTestId(ids.budgeting)).getByText('Time slices'));
    expect(screen.getByTestId(ids.budgetingHelp)).toHaveTextContent(
      'One bad minute counts the same whatever the traffic'
    );
    expect(screen.getByTestId(ids.sliceWindow)).toHaveValue('1m');
    expect(screen.getByTestId(ids.sliceTarget)).toHaveValue('95');
    expect(screen.getByTestId(ids.objectiveWords)).toHaveTextContent(
      '99.9% of 1 min slices over 30 days = 43 min 12 s of bad time (43.2 bad slices of 43,200)'
    );
  });

  it('validates the slice length and target by field as they are typed', () => {
    setup({ stored: makeStoredSlo() });
    fireEvent.click(within(screen.getByTestId(ids.budgeting)).getByText('Time slices'));
    change(ids.sliceWindow, '30s');
    expect(screen.getByTestId(ids.fieldError)).toHaveTextContent('must be from 1m to 5m, got 30s');
    change(ids.sliceWindow, '5m');
    change(ids.sliceTarget, '101');
    expect(screen.getByTestId(ids.fieldError)).toHaveTextContent(
      'must be a ratio above 0 and at most 1 (or a percentage up to 100%), got 101%.'
    );
    change(ids.sliceTarget, '99');
    expect(screen.queryByTestId(ids.fieldError)).not.toBeInTheDocument();
  });

  it('saves the time slices of the form', async () => {
    const actions = setup({ stored: makeStoredSlo() });
    actions.save.mockResolvedValue({ dashboardUid: 'slo-checkout-availability', version: 4 });
    fireEvent.click(within(screen.getByTestId(ids.budgeting)).getByText('Time slices'));
    change(ids.sliceTarget, '99');
    fireEvent.click(screen.getByTestId(ids.save));
    await waitFor(() => expect(actions.save).toHaveBeenCalled());
    expect(actions.save.mock.calls[0][0].timeSlices).toEqual({ window: '1m', windowSeconds: 60, target: '0.99' });
  });
});

describe('SloEditor: slice ratios (OpenSLO RatioTimeslices)', () => {
  it('explains the mean of slice ratios, asks only the slice length, and says the budget', () => {
    setup({ stored: makeStoredSlo() });
    fireEvent.click(within(screen.getByTestId(ids.budgeting)).getByText('Slice ratios'));
    expect(screen.getByTestId(ids.budgetingHelp)).toHaveTextContent(
      "the target is the mean of the slices' good ratios, e.g. minutes at 100%, 50% and 100% make 83.3%"
    );
    expect(screen.getByTestId(ids.sliceWindow)).toHaveValue('1m');
    expect(screen.queryByTestId(ids.sliceTarget)).not.toBeInTheDocument();
    expect(screen.getByTestId(ids.objectiveWords)).toHaveTextContent(
      '99.9% mean good ratio of 1 min slices over 30 days = bad ratios adding up to 43.2 slices of 43,200 (43 min 12 s of full outage)'
    );
  });

  it('saves slices scored by their ratio, without a target, and loads them back as slice ratios', async () => {
    const actions = setup({ stored: makeStoredSlo() });
    actions.save.mockResolvedValue({ dashboardUid: 'slo-checkout-availability', version: 4 });
    fireEvent.click(within(screen.getByTestId(ids.budgeting)).getByText('Slice ratios'));
    change(ids.sliceWindow, '5m');
    fireEvent.click(screen.getByTestId(ids.save));
    await waitFor(() => expect(actions.save).toHaveBeenCalled());
    const saved = actions.save.mock.calls[0][0];
    expect(saved.timeSlices).toEqual({ window: '5m', windowSeconds: 300, score: 'ratio' });
    const form = sloToForm(saved);
    expect([form.budgeting, form.sliceWindow]).toEqual(['sliceRatios', '5m']);
    expect(parseNativeDocument(formToDocument(form, saved)).slo).toEqual(saved);
  });
});

describe('SloEditor: the slice target of a threshold SLI', () => {
  it('shows the share of samples a slice must meet, and saves it', async () => {
    const slo = makeSlo({
      indicator: { type: 'threshold', expr: 'max(queue_lag)', operator: '<', threshold: '500', groupBy: [] },
      timeSlices: { window: '2m', windowSeconds: 120, target: '0.7' },
    });
    const actions = setup({ stored: makeStoredSlo({ slo, yaml: sloToYaml(slo), dashboard: sloToDashboard(slo) }) });
    actions.save.mockResolvedValue({ dashboardUid: 'slo-checkout-availability', version: 4 });
    expect(screen.getByTestId(ids.sampleSliceTarget)).toHaveValue('70');
    change(ids.sampleSliceTarget, '80');
    fireEvent.click(screen.getByTestId(ids.save));
    await waitFor(() => expect(actions.save).toHaveBeenCalled());
    expect(actions.save.mock.calls[0][0].timeSlices).toEqual({ window: '2m', windowSeconds: 120, target: '0.8' });
  });
});

describe('sloForm time slices', () => {
  it('loads and writes back the time slices of an SLO', () => {
    const slo = makeSlo({ timeSlices: { window: '5m', windowSeconds: 300, target: '0.995' } });
    const form = sloToForm(slo);
    expect([form.budgeting, form.sliceWindow, form.sliceTargetPercent]).toEqual(['timeSlices', '5m', '99.5']);
    expect(parseNativeDocument(formToDocument(form, slo)).slo).toEqual(slo);
  });

  it('round-trips the slice target of a threshold SLI, the share of samples, and its absence', () => {
    const slo = makeSlo({
      indicator: { type: 'threshold', expr: 'max(queue_lag)', operator: '<', threshold: '500', groupBy: [] },
      timeSlices: { window: '2m', windowSeconds: 120, target: '0.7' },
    });
    const form = sloToForm(slo);
    expect([form.sampleSliceTargetPercent, form.sliceTargetPercent]).toEqual(['70', '95']);
    expect(parseNativeDocument(formToDocument(form, slo)).slo).toEqual(slo);
    const everySample = { ...slo, timeSlices: { window: '2m', windowSeconds: 120 } };
    expect(parseNativeDocument(formToDocument(sloToForm(everySample), everySample)).slo).toEqual(everySample);
  });

  it('writes no slice target for a threshold SLI, and no time slices when counting events', () => {
    const form = { ...emptyForm(), indicatorType: 'threshold' as const, budgeting: 'timeSlices' as const };
    expect(formToDocument(form)).toMatchObject({ spec: { timeSlices: { window: '1m' } } });
    expect(formToDocument({ ...form, budgeting: 'events' })).not.toHaveProperty('spec.timeSlices');
  });
});
