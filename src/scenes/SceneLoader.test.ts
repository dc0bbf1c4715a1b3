import { SceneObjectBase, type SceneObjectState } from '@grafana/scenes';
import { Observable } from 'rxjs';
import type { BackendSrvRequest } from '@grafana/runtime';
import { queryInstant } from '../api/query';
import { SceneLoader } from './SceneLoader';
import type { Load } from '../utils/loadRunner';

const mockFetch = jest.fn<Observable<unknown>, [BackendSrvRequest]>();
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: mockFetch }),
  getDataSourceSrv: () => jest.requireActual('../testing/backendSrv').fakeDataSourceSrv(mockFetch),
}));

interface PageState extends SceneObjectState {
  week: string;
  notes: string;
}

/** A page whose data depends on its week, as the pages own their loaders. */
class Page extends SceneObjectBase<PageState> {
  readonly report: SceneLoader<string>;

  constructor(load: Load<string>) {
    super({ week: 'w1', notes: '' });
    this.report = new SceneLoader({ inputs: () => this.state.week, load });
    this.setState({ $behaviors: [this.report] });
  }
}

/** Loads that answer when the test says, keeping each one's signal. */
function controlledLoads() {
  const runs: Array<{ signal: AbortSignal; resolve: (value: string) => void; reject: (error: Error) => void }> = [];
  const load: Load<string> = (signal) =>
    new Promise<string>((resolve, reject) => {
      runs.push({ signal, resolve, reject });
    });
  return { runs, load };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('SceneLoader', () => {
  it('loads on activation, with loading until the answer comes', async () => {
    const { runs, load } = controlledLoads();
    const page = new Page(load);
    page.activate();
    expect(runs).toHaveLength(1);
    expect(page.report.state.loading).toBe(true);
    expect(page.report.state.data).toBeUndefined();
    runs[0].resolve('week 1');
    await settled();
    expect(page.report.state).toMatchObject({ loading: false, data: 'week 1', error: undefined });
  });

  it('runs again when its inputs change, and drops the stale answer', async () => {
    const { runs, load } = controlledLoads();
    const page = new Page(load);
    page.activate();
    page.setState({ week: 'w2' });
    expect(runs).toHaveLength(2);
    expect(runs[0].signal.aborted).toBe(true);
    runs[1].resolve('week 2');
    runs[0].resolve('week 1');
    await settled();
    expect(page.report.state.data).toBe('week 2');
  });

  it('does not run again for a change that leaves its inputs as they were', () => {
    const { runs, load } = controlledLoads();
    const page = new Page(load);
    page.activate();
    page.setState({ notes: 'typed' });
    expect(runs).toHaveLength(1);
  });

  it('cancels the load under way on deactivation, and keeps no answer of it', async () => {
    const { runs, load } = controlledLoads();
    const page = new Page(load);
    const deactivate = page.activate();
    deactivate();
    expect(runs[0].signal.aborted).toBe(true);
    expect(page.report.state.loading).toBe(false);
    runs[0].resolve('late');
    await settled();
    expect(page.report.state.data).toBeUndefined();
  });

  it('shows the error, and keeps the previous data', async () => {
    const { runs, load } = controlledLoads();
    const page = new Page(load);
    page.activate();
    runs[0].resolve('week 1');
    await settled();
    page.report.refresh();
    expect(page.report.state).toMatchObject({ loading: true, error: undefined, data: 'week 1' });
    runs[1].reject(new Error('Querying the datasource: timeout'));
    await settled();
    expect(page.report.state).toMatchObject({
      loading: false,
      data: 'week 1',
      error: 'Querying the datasource: timeout',
    });
  });

  it('takes an answer at hand without a loading state, and a part of the answer early', async () => {
    const atHand = new Page(() => 'at hand');
    atHand.activate();
    expect(atHand.report.state).toMatchObject({ loading: false, data: 'at hand' });

    let finish: (value: string) => void = () => undefined;
    const inParts = new Page(
      (_signal, show) =>
        new Promise<string>((resolve) => {
          show('the list');
          finish = resolve;
        })
    );
    inParts.activate();
    expect(inParts.report.state).toMatchObject({ loading: true, data: 'the list' });
    finish('the list and its numbers');
    await settled();
    expect(inParts.report.state).toMatchObject({ loading: false, data: 'the list and its numbers' });
  });

  it('takes newer data from the page and drops the load under way', async () => {
    const { runs, load } = controlledLoads();
    const page = new Page(load);
    page.activate();
    page.report.setData('saved');
    expect(runs[0].signal.aborted).toBe(true);
    runs[0].resolve('older');
    await settled();
    expect(page.report.state).toMatchObject({ loading: false, data: 'saved' });
  });

  it("unsubscribes from Grafana's fetch when the page deactivates, which cancels the request", async () => {
    const teardown = jest.fn();
    mockFetch.mockReturnValue(new Observable(() => teardown));
    const page = new Page(async (signal) => {
      const { A } = await queryInstant('prom', [{ refId: 'A', expr: 'up' }], signal);
      return String(A.length);
    });
    const deactivate = page.activate();
    await settled();
    expect(mockFetch).toHaveBeenCalledTimes(1);
    expect(teardown).not.toHaveBeenCalled();
    deactivate();
    expect(teardown).toHaveBeenCalledTimes(1);
    await settled();
    expect(page.report.state).toMatchObject({ loading: false, error: undefined });
    expect(page.report.state.data).toBeUndefined();
  });
});
