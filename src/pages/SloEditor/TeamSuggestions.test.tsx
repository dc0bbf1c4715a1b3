import React, { useState } from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useRoutes as use } from '../../testing/backendSrv';
import { testIds } from '../../components/testIds';
import { TeamSuggestions } from './TeamSuggestions';

jest.mock('@grafana/runtime', () => jest.requireActual('../../testing/backendSrv').fakeRuntime);

function Owner({ initial }: { initial: string }) {
  const [owner, setOwner] = useState(initial);
  return (
    <>
      <input data-testid="owner" value={owner} onChange={(e) => setOwner(e.currentTarget.value)} />
      <TeamSuggestions label="SRE owner" text={owner} onApply={setOwner} />
    </>
  );
}

const TEAMS = ['payments', 'payments-sre'];

describe('TeamSuggestions', () => {
  it("offers the Grafana teams that match what is typed, and a click puts the team's name in", async () => {
    const calls = use([
      [
        'GET',
        /^\/api\/teams\/search\?/,
        (request) => {
          const query = new URL(request.url, 'http://x').searchParams.get('query') ?? '';
          return { data: { teams: TEAMS.filter((t) => t.includes(query)).map((name, id) => ({ id, name })) } };
        },
      ],
    ]);
    render(<Owner initial="" />);
    fireEvent.change(screen.getByTestId('owner'), { target: { value: 'pay' } });
    const suggestions = await screen.findByTestId(testIds.sloEditor.teamSuggestions);
    expect(
      within(suggestions)
        .getAllByRole('button')
        .map((b) => b.textContent)
    ).toEqual(TEAMS);
    fireEvent.click(within(suggestions).getByRole('button', { name: 'payments-sre' }));
    expect(screen.getByTestId('owner')).toHaveValue('payments-sre');
    // The name typed in full is not offered again.
    await waitFor(() => expect(screen.queryByTestId(testIds.sloEditor.teamSuggestions)).not.toBeInTheDocument());
    expect(calls.map((c) => c.url)).toContain('/api/teams/search?query=pay&perpage=8&page=1');
  });

  it('shows nothing for an empty owner, nor when Grafana refuses the search', async () => {
    const calls = use([['GET', /^\/api\/teams\/search\?/, () => ({ status: 403, data: { message: 'Forbidden' } })]]);
    render(<Owner initial="" />);
    expect(screen.queryByTestId(testIds.sloEditor.teamSuggestions)).not.toBeInTheDocument();
    fireEvent.change(screen.getByTestId('owner'), { target: { value: 'dana' } });
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(screen.queryByTestId(testIds.sloEditor.teamSuggestions)).not.toBeInTheDocument();
    expect(screen.getByTestId('owner')).toHaveValue('dana');
  });
});
