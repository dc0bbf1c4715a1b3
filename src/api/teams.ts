import { z } from 'zod';
import { fetchParsed } from './http';

/** Teams shown as suggestions while an owner is typed: enough to pick from, few enough to read. */
export const TEAM_SUGGESTIONS = 8;

const teamSearchSchema = z.looseObject({
  teams: z.array(z.looseObject({ name: z.string() })).catch([]),
});

/**
 * The names of the Grafana teams the signed-in user can see whose name contains `query` (Grafana's team
 * search: every team for an org admin, the user's own teams otherwise). An aborted `signal` cancels it.
 */
export async function searchTeamNames(query: string, signal?: AbortSignal): Promise<string[]> {
  const params = new URLSearchParams({ query, perpage: String(TEAM_SUGGESTIONS), page: '1' });
  const found = await fetchParsed(
    { url: `/api/teams/search?${params.toString()}`, showErrorAlert: false },
    teamSearchSchema,
    'Searching Grafana teams',
    signal
  );
  return [...new Set(found.teams.map((t) => t.name).filter((name) => name.trim() !== ''))];
}
