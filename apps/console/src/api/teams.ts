import { api } from './client';

/**
 * The office's teams, the values `team=` takes. The API's OpenAPI document names no answer
 * schema for this route, so its shape is written here, as `TeamsController` returns it.
 */
interface TeamList {
  readonly teams: readonly string[];
}

let teams: Promise<readonly string[]> | undefined;

/** Asked once per page load: teams change with imports, seldom within a session. */
export function officeTeams(): Promise<readonly string[]> {
  teams ??= api.GET('/api/v1/teams').then(({ data }) => (data as unknown as TeamList).teams);
  teams.catch(() => (teams = undefined));
  return teams;
}
