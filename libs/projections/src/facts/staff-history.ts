import { STAFF_EVENTS, type StaffRecord, type StaffEvent } from '@jugendamt/domain';
import type { Projection } from '../runtime/projection.js';
import { factChange, writeFactChanges, type VersionedTable } from './versioned-facts.js';

interface StaffFact {
  team: string;
  team_since: string;
  role: string;
  fte: number;
  joined_on: string;
  left_on: string | null;
}

const STAFF: VersionedTable<StaffFact> = {
  table: 'staff_versions',
  idColumn: 'staff_id',
  columns: { team: 'text', team_since: 'date', role: 'text', fte: 'numeric', joined_on: 'date', left_on: 'date' },
};

/**
 * Staff as known over time. Every version keeps its (team, since) pair, so the team history
 * of docs/kpis.md 4 is the distinct pairs of the versions known at a time.
 */
export const staffHistory: Projection<StaffEvent> = {
  name: 'staff-history',
  eventTypes: STAFF_EVENTS,
  catalogues: [],
  tables: ['staff_versions'],
  async apply(ctx, events) {
    const changes = events.map((event) =>
      factChange<StaffRecord, StaffFact>(
        event,
        (s) => s.staffId,
        (s) => ({
          team: s.team,
          team_since: s.teamSince,
          role: s.role,
          fte: s.fte,
          joined_on: s.joined,
          left_on: s.left,
        }),
      ),
    );
    await writeFactChanges(ctx.trx, ctx.tenantId, ctx.generation, STAFF, changes);
  },
};
