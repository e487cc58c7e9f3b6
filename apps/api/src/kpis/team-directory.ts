import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { DatabaseHandle } from '@jugendamt/db';
import { DATABASE } from '../database/database.module.js';

/**
 * The teams an office has had, from its aids, staff and sub-processes. Kept in memory and
 * looked up again when a name is not found, so a team new since the last look is known at
 * once while the common case costs no query.
 */
@Injectable()
export class TeamDirectory {
  private readonly known = new Map<string, Set<string>>();

  constructor(@Inject(DATABASE) private readonly database: DatabaseHandle) {}

  async teams(tenantId: string): Promise<string[]> {
    return [...(await this.load(tenantId))].sort((a, b) => a.localeCompare(b, 'de'));
  }

  /** Throws the 400 of an unknown team, naming the field and the teams there are. */
  async check(tenantId: string, team: string | undefined): Promise<void> {
    if (team === undefined) return;
    if (this.known.get(tenantId)?.has(team)) return;
    const teams = await this.load(tenantId);
    if (teams.has(team)) return;
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: `team: unknown team ${team}`,
      errors: [{ field: 'team', message: `unknown team ${team}; known: ${[...teams].sort().join(', ')}` }],
    });
  }

  private async load(tenantId: string): Promise<Set<string>> {
    const { rows } = await sql<{ team: string }>`
      SELECT DISTINCT team FROM aid_versions WHERE tenant_id = ${tenantId}
      UNION SELECT DISTINCT team FROM staff_versions WHERE tenant_id = ${tenantId}
      UNION SELECT DISTINCT team FROM sub_process_count_changes WHERE tenant_id = ${tenantId}`.execute(this.database.app);
    const teams = new Set(rows.map((row) => row.team));
    this.known.set(tenantId, teams);
    return teams;
  }
}
