import { DEFAULT_SETTINGS } from '../../settings';
import { OverviewView } from './OverviewView';

const view = () => new OverviewView({ settings: { ...DEFAULT_SETTINGS, datasourceUid: 'prom' } });

describe('the overview in the URL', () => {
  it('reads its filters and page from the URL and writes them back', () => {
    const overview = view();
    overview.updateFromUrl({ service: 'checkout', status: 'warning', page: '3' });
    expect(overview.state.filters).toEqual({ service: 'checkout', status: 'warning' });
    expect(overview.state.page).toBe(3);
    expect(overview.getUrlState()).toMatchObject({ service: 'checkout', status: 'warning', page: '3' });
  });

  it('starts again from the first page when a filter is chosen, and leaves page 1 out of the URL', () => {
    const overview = view();
    overview.updateFromUrl({ page: '4' });
    overview.setFilter('team', 'payments');
    expect(overview.state.page).toBe(1);
    expect(overview.getUrlState().page).toBeUndefined();
  });

  it('ignores a page or status the URL cannot mean', () => {
    const overview = view();
    overview.updateFromUrl({ page: 'last', status: 'on-fire' });
    expect(overview.state.page).toBe(1);
    expect(overview.state.filters).toEqual({});
  });
});
