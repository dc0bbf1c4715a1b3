import { groupEventCountFormat, windowEventCountExpr } from './alertCounts';

describe('windowEventCountExpr', () => {
  it('counts the rate samples of the window, 1 ms short of it, times the interval, rounded', () => {
    expect(windowEventCountExpr('bad', 'checkout', [], 3600, 30)).toBe(
      'round(sum(sum_over_time(slo:bad_events:rate5m{slo_uid="checkout"}[59m59s999ms])) * 30)'
    );
    expect(windowEventCountExpr('total', 'checkout', [], 21600, 60)).toBe(
      'round(sum(sum_over_time(slo:events:rate5m{slo_uid="checkout"}[5h59m59s999ms])) * 60)'
    );
  });

  it('adds up the 10 minute sums of a window of a day or more, one per whole 10 minutes', () => {
    expect(windowEventCountExpr('total', 'checkout', ['route'], 259200, 60)).toBe(
      'round(sum by (route) (sum_over_time(slo:events:rate5m_sum10m{slo_uid="checkout"}[2d23h59m59s999ms:10m])) * 60)'
    );
    // 2d19h12m: its 403 whole 10 minutes.
    expect(windowEventCountExpr('bad', 'checkout', [], 241920, 30)).toBe(
      'round(sum(sum_over_time(slo:bad_events:rate5m_sum10m{slo_uid="checkout"}[2d19h9m59s999ms:10m])) * 30)'
    );
  });
});

describe('groupEventCountFormat', () => {
  it('leaves a %q for the value of each grouping label, in order', () => {
    expect(groupEventCountFormat('bad', 'api', 3360, 30, ['route', 'region'])).toBe(
      'round(sum by (route, region) (sum_over_time(slo:bad_events:rate5m{slo_uid="api",route=%q,region=%q}[55m59s999ms])) * 30)'
    );
  });

  it('doubles every other % so that printf prints it', () => {
    // A uid never holds one once validated; the format stays right if it ever does.
    expect(groupEventCountFormat('total', 'a%b', 300, 30, ['route'])).toBe(
      'round(sum by (route) (sum_over_time(slo:events:rate5m{slo_uid="a%%b",route=%q}[4m59s999ms])) * 30)'
    );
  });
});
