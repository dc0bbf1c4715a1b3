import React from 'react';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { locationService } from '@grafana/runtime';
import { makeSlo, makeStoredSlo } from '../../testing/fixtures';
import { sloToYaml } from '../../storage/sloDashboard';
import { testIds } from '../../components/testIds';
import { SloEditor } from './SloEditor';
import type { SliSuggestions } from './sliSuggestions';

const ids = testIds.sloEditor;

// A role that may create SLOs: the permission itself is tested in SloEditor.test.tsx.
jest.mock('../../api/permissions', () => ({
  ...jest.requireActual('../../api/permissions'),
  canCreateSlos: () => true,
}));

function setup(props: Partial<React.ComponentProps<typeof SloEditor>> = {}) {
  const actions = { save: jest.fn(), reload: jest.fn(), onSaved: jest.fn() };
  const view = render(<SloEditor evaluationInterval="30s" {...actions} {...props} />);
  return { actions, view };
}

const change = (testId: string, value: string, index = 0) =>
  fireEvent.change(screen.getAllByTestId(testId)[index], { target: { value } });

describe('SloEditor: start, objective and alerting', () => {
  it('starts a new SLO from the API latency template and shows the objective in words', () => {
    setup();
    const template = screen.getAllByTestId(ids.template).find((card) => card.textContent?.includes('API latency'));
    fireEvent.click(within(template!).getByText('API latency'));
    expect(screen.getByTestId(ids.histogram)).toHaveValue(
      'http_request_duration_seconds{job="example-api",route!="/health"}'
    );
    expect(screen.getByTestId(ids.latencyThreshold)).toHaveValue('0.5');
    expect(screen.getByTestId(ids.target)).toHaveValue('95');
    expect(screen.getByTestId(ids.objectiveWords)).toHaveTextContent(
      '95% over 30 days = 1 d 12 h of full outage, or 1 in 20 requests'
    );
    fireEvent.click(within(screen.getByTestId(ids.startTier)).getByText('Critical'));
    expect(screen.getByTestId(ids.target)).toHaveValue('99.95');
    expect(screen.getByTestId(ids.latencyThreshold)).toHaveValue('0.1');
  });

  it('shows the default alerts in words, and edits them with the core messages inline', () => {
    setup({ stored: makeStoredSlo() });
    expect(screen.getAllByTestId(ids.alertWords).map((e) => e.textContent)).toEqual([
      'page when 2% of the budget burns in 1 hour (14.4x over 1h and 5m)',
      'page when 5% of the budget burns in 6 hours (6x over 6h and 30m)',
      'open a ticket when 10% of the budget burns in 1 day (3x over 1d and 2h)',
      'open a ticket when 10% of the budget burns in 3 days (1x over 3d and 6h)',
    ]);
    fireEvent.click(screen.getByTestId(ids.customiseAlerts));
    expect(screen.getAllByTestId(ids.alertRow)).toHaveLength(4);
    change(ids.alertLongWindow, '5m');
    change(ids.alertShortWindow, '1h');
    expect(screen.getByTestId(ids.fieldError)).toHaveTextContent(
      'shortWindow (1h) must be shorter than longWindow (5m): they look swapped'
    );
    change(ids.alertLongWindow, '1h');
    change(ids.alertShortWindow, '5m');
    change(ids.alertValue, '1000');
    expect(screen.getByTestId(ids.fieldError)).toHaveTextContent(
      'so this alert can never fire; use a factor below 1000'
    );
    change(ids.alertValue, '10');
    expect(screen.queryByTestId(ids.fieldError)).not.toBeInTheDocument();
    expect(screen.getAllByTestId(ids.alertWords)[0]).toHaveTextContent(
      'Page when 1.39% of the budget burns in 1 hour (10x over 1h and 5m)'
    );
  });

  it('says which default alerts a low target adapts, and how soon a full outage fires them', () => {
    setup({ stored: makeStoredSlo() });
    change(ids.target, '90');
    const rows = screen.getAllByTestId(ids.alertRow).map((e) => e.textContent);
    expect(rows[0]).toBe(
      "page when 1.04% of the budget burns in 1 hour (7.5x over 1h and 5m) (instead of the workbook's 14.4x," +
        ' which this target cannot reach soon enough: a full outage fires it within 45 minutes)'
    );
    expect(rows.slice(1).every((row) => !row?.includes('instead of'))).toBe(true);
  });

  it('saves the alerting fields, the low-traffic guard, the no-data alert and the runbook', async () => {
    const { actions } = setup({ stored: makeStoredSlo() });
    actions.save.mockResolvedValue({ dashboardUid: 'slo-checkout-availability', version: 4 });
    change(ids.minBadEvents, '5');
    change(ids.noDataFor, '30m');
    change(ids.runbook, 'https://runbooks.example.com/new');
    fireEvent.click(screen.getByTestId(ids.save));
    await waitFor(() => expect(actions.onSaved).toHaveBeenCalled());
    const saved = actions.save.mock.calls[0][0];
    expect(saved.alerting).toEqual({ enabled: true, labels: {}, minBadEvents: 5, noDataFor: '30m' });
    expect(saved.annotations).toEqual({ runbook: 'https://runbooks.example.com/new' });
  });

  it('saves the alerts on the budget, shows their errors at their fields, and loads them back', async () => {
    const { actions } = setup({ stored: makeStoredSlo() });
    actions.save.mockResolvedValue({ dashboardUid: 'slo-checkout-availability', version: 4 });
    change(ids.budgetLeft, '25');
    change(ids.exhaustionWithin, '3d');
    change(ids.exhaustionBurnWindow, '40d');
    expect(screen.getByTestId(ids.fieldError)).toHaveTextContent(
      'the burn window (40d) is longer than the SLO window (30d)'
    );
    change(ids.exhaustionBurnWindow, '12h');
    change(ids.exhaustionLeftBelow, '90');
    fireEvent.click(screen.getByTestId(ids.save));
    await waitFor(() => expect(actions.onSaved).toHaveBeenCalled());
    const saved = actions.save.mock.calls[0][0];
    expect(saved.alerting).toEqual({
      enabled: true,
      labels: {},
      budgetLeft: { below: '0.25', severity: 'ticket' },
      exhaustion: { within: '3d', burnWindow: '12h', severity: 'ticket', whenLeftBelow: '0.9' },
    });
    cleanup();
    const reloaded = makeSlo({ alerting: saved.alerting });
    setup({ stored: makeStoredSlo({ slo: reloaded, yaml: sloToYaml(reloaded) }) });
    expect(screen.getByTestId(ids.budgetLeft)).toHaveValue('25');
    expect(screen.getByTestId(ids.exhaustionWithin)).toHaveValue('3d');
    expect(screen.getByTestId(ids.exhaustionBurnWindow)).toHaveValue('12h');
    expect(screen.getByTestId(ids.exhaustionLeftBelow)).toHaveValue('90');
  });

  it('starts a duplicate from the source SLO under a new name', async () => {
    const { actions } = setup({ source: makeSlo({ annotations: { dashboard: 'https://grafana.example.com/d/x' } }) });
    actions.save.mockResolvedValue({ dashboardUid: 'slo-checkout-availability-copy', version: 1 });
    expect(screen.getByTestId(ids.name)).toHaveValue('checkout-availability-copy');
    fireEvent.click(screen.getByTestId(ids.save));
    await waitFor(() => expect(actions.onSaved).toHaveBeenCalled());
    expect(actions.save.mock.calls[0][0]).toMatchObject({
      name: 'checkout-availability-copy',
      uid: 'checkout-availability-copy',
      annotations: { dashboard: 'https://grafana.example.com/d/x' },
    });
    expect(actions.save.mock.calls[0][1]).toBeUndefined();
  });
});

describe('SloEditor: budget policy', () => {
  it('shows the default policy, then saves an own policy edited from it', async () => {
    const { actions } = setup({ stored: makeStoredSlo() });
    actions.save.mockResolvedValue({ dashboardUid: 'slo-checkout-availability', version: 4 });
    expect(screen.getAllByTestId(ids.budgetPolicyRow).map((row) => row.textContent)).toEqual([
      'healthyburn rate at most 1xShip as normal',
      'attentionburn rate above 1xWatch the burn, Review risky changes',
      'warningburn rate above 1.5xReview risky changes, Reliability sprint',
      'criticalburn rate above 2xInvestigate now, Review risky changes, Reliability sprint',
      'exhaustedno budget leftFeature freeze, Postmortem required, Reliability sprint',
    ]);
    fireEvent.click(within(screen.getByTestId(ids.budgetPolicyMode)).getByText('Own policy'));
    expect(screen.getByLabelText('exhausted: Feature freeze')).toBeChecked();
    fireEvent.click(screen.getByLabelText('exhausted: Reliability sprint'));
    fireEvent.click(screen.getByLabelText('exhausted: Escalate'));
    fireEvent.click(screen.getByLabelText('attention: Review risky changes'));
    fireEvent.change(screen.getByLabelText('exhausted: note'), { target: { value: 'The payments lead decides.' } });
    fireEvent.click(screen.getByTestId(ids.save));
    await waitFor(() => expect(actions.onSaved).toHaveBeenCalled());
    expect(actions.save.mock.calls[0][0].budgetPolicy).toEqual({
      actions: {
        attention: ['watch-burn'],
        warning: ['release-review', 'reliability-sprint'],
        critical: ['investigate', 'release-review', 'reliability-sprint'],
        exhausted: ['freeze-features', 'postmortem-required', 'escalate'],
      },
      notes: { exhausted: 'The payments lead decides.' },
    });
  });

  it("opens an SLO's own policy, and drops it for the default", async () => {
    const slo = makeSlo({ budgetPolicy: { actions: { exhausted: ['freeze-features'] }, notes: { healthy: 'Ship.' } } });
    const { actions } = setup({ stored: makeStoredSlo({ slo }) });
    actions.save.mockResolvedValue({ dashboardUid: 'slo-checkout-availability', version: 4 });
    expect(screen.getByLabelText('exhausted: Feature freeze')).toBeChecked();
    expect(screen.getByLabelText('critical: Investigate now')).not.toBeChecked();
    expect(screen.getByLabelText('healthy: note')).toHaveValue('Ship.');
    fireEvent.click(within(screen.getByTestId(ids.budgetPolicyMode)).getByText('Default policy'));
    fireEvent.click(screen.getByTestId(ids.save));
    await waitFor(() => expect(actions.onSaved).toHaveBeenCalled());
    expect(actions.save.mock.calls[0][0].budgetPolicy).toBeUndefined();
  });
});

describe('SloEditor: review', () => {
  it('shows the rules, the OpenSLO documents and the diff against the saved version', () => {
    setup({ stored: makeStoredSlo() });
    fireEvent.click(screen.getByTestId(ids.reviewTab));
    expect(screen.getByTestId(ids.reviewDiff)).toHaveTextContent('No changes.');
    expect(screen.getByTestId(ids.reviewRules)).toHaveTextContent('record: slo:events:rate5m');
    expect(screen.getByTestId(ids.reviewOpenSlo)).toHaveTextContent('kind: SLO');
    fireEvent.click(screen.getByTestId(ids.formTab));
    change(ids.target, '99.5');
    fireEvent.click(screen.getByTestId(ids.reviewTab));
    const diff = screen.getByTestId(ids.reviewDiff);
    expect(diff).toHaveTextContent('- - target: 0.999');
    expect(diff).toHaveTextContent('+ - target: 0.995');
  });

  it('says there is nothing to review while the SLO has errors', () => {
    setup();
    fireEvent.click(screen.getByTestId(ids.reviewTab));
    expect(screen.getByTestId(ids.reviewInvalid)).toBeInTheDocument();
  });
});

describe('SloEditor: unsaved changes', () => {
  it('asks before leaving with unsaved edits, and leaves when confirmed', async () => {
    locationService.push('/a/burnrate-slo-app/slos/checkout-availability/edit');
    setup({ stored: makeStoredSlo() });
    act(() => locationService.push('/a/burnrate-slo-app/overview'));
    expect(locationService.getLocation().pathname).toBe('/a/burnrate-slo-app/overview');
    act(() => locationService.push('/a/burnrate-slo-app/slos/checkout-availability/edit'));

    change(ids.owner, 'team-shop');
    await waitFor(() => undefined);
    act(() => locationService.push('/a/burnrate-slo-app/overview'));
    expect(await screen.findByTestId(ids.leaveModal)).toBeInTheDocument();
    expect(locationService.getLocation().pathname).toBe('/a/burnrate-slo-app/slos/checkout-availability/edit');
    fireEvent.click(screen.getByText('Stay and keep editing'));
    await waitFor(() => expect(screen.queryByTestId(ids.leaveModal)).not.toBeInTheDocument());
    expect(screen.getByTestId(ids.owner)).toHaveValue('team-shop');

    act(() => locationService.push('/a/burnrate-slo-app/overview'));
    fireEvent.click(await screen.findByText('Leave and lose changes'));
    await waitFor(() => expect(locationService.getLocation().pathname).toBe('/a/burnrate-slo-app/overview'));
  });
});

describe('SloEditor: suggestions from the datasource', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('completes metric names and offers the real buckets as thresholds', async () => {
    const suggestions: SliSuggestions = {
      complete: jest.fn(async (text: string) =>
        text.startsWith('http_requests_total{')
          ? undefined
          : { context: { kind: 'metric' as const, prefix: text }, candidates: ['http_requests_total'] }
      ),
      buckets: jest.fn(async () => ['0.1', '0.25', '0.5', '1']),
    };
    setup({ suggestionsFor: () => suggestions, defaultDatasourceUid: 'default-prom' });
    change(ids.total, 'http_req');
    await act(async () => {
      jest.advanceTimersByTime(300);
    });
    const list = screen.getAllByTestId(ids.metricSuggestions)[0];
    fireEvent.click(within(list).getByText('http_requests_total'));
    expect(screen.getByTestId(ids.total)).toHaveValue('http_requests_total');

    fireEvent.click(within(screen.getByTestId(ids.indicatorType)).getByText('Latency'));
    change(ids.histogram, 'http_request_duration_seconds{job="api"}');
    change(ids.latencyThreshold, '0.3');
    await act(async () => {
      jest.advanceTimersByTime(300);
    });
    const buckets = screen.getByTestId(ids.bucketSuggestions);
    expect(buckets).toHaveTextContent('0.3 is not a bucket boundary of this histogram');
    expect(suggestions.buckets).toHaveBeenCalledWith('http_request_duration_seconds{job="api"}');
    fireEvent.click(within(buckets).getByText('0.25'));
    expect(screen.getByTestId(ids.latencyThreshold)).toHaveValue('0.25');
  });
});
