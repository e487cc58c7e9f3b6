import { api } from './client';

let teams: Promise<readonly string[]> | undefined;

/** The office's teams, the values `team=` takes; asked once per page load, as teams change with imports, seldom within a session. */
export function officeTeams(): Promise<readonly string[]> {
  teams ??= api.GET('/api/v1/teams').then(({ data }) => data!.teams);
  teams.catch(() => (teams = undefined));
  return teams;
}
