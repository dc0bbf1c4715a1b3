import { useRoutes as use } from '../testing/backendSrv';
import { searchTeamNames } from './teams';

jest.mock('@grafana/runtime', () => jest.requireActual('../testing/backendSrv').fakeRuntime);

describe('searchTeamNames', () => {
  it("asks Grafana's team search for the typed text and keeps each name once", async () => {
    const calls = use([
      [
        'GET',
        /^\/api\/teams\/search\?/,
        () => ({
          data: {
            totalCount: 3,
            teams: [
              { id: 1, name: 'payments-sre', memberCount: 3 },
              { id: 2, name: 'payments', memberCount: 9 },
              { id: 3, name: 'payments', memberCount: 1 },
              { id: 4, name: '  ' },
            ],
            page: 1,
            perPage: 8,
          },
        }),
      ],
    ]);
    expect(await searchTeamNames('pay & "ops"')).toEqual(['payments-sre', 'payments']);
    expect(calls[0].url).toBe('/api/teams/search?query=pay+%26+%22ops%22&perpage=8&page=1');
  });

  it('reads an answer without teams as none', async () => {
    use([['GET', /^\/api\/teams\/search\?/, () => ({ data: { totalCount: 0 } })]]);
    expect(await searchTeamNames('x')).toEqual([]);
  });
});
