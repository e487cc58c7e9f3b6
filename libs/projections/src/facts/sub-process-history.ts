import type { FactContent, SubProcessVersionsTable } from '@jugendamt/db';
import { SUB_PROCESS_EVENTS, type SubProcessRecord, type SubProcessEvent } from '@jugendamt/domain';
import type { Projection } from '../runtime/projection.js';
import { writeSubProcessChanges } from './sub-process-changes.js';
import { factChange, writeFactChanges, type VersionedTable } from './versioned-facts.js';

type SubProcessFact = FactContent<SubProcessVersionsTable, 'sub_process_id'>;

const SUB_PROCESSES: VersionedTable<SubProcessFact> = {
  table: 'sub_process_versions',
  idColumn: 'sub_process_id',
  columns: { team: 'text', core_process: 'text', sub_process_code: 'text', status: 'text', begun_on: 'date', completed_on: 'date' },
};

/** `04.03 Hilfeplangespräch` → `04.03`: the code is what the process-time catalogue knows. */
export function subProcessCode(subProcess: string): string {
  return subProcess.trim().split(/\s+/)[0]!;
}

/** Sub-processes as known over time, and their counts: the base of the sub-process counts and the staffing requirement. */
export const subProcessHistory: Projection<SubProcessEvent> = {
  name: 'sub-process-history',
  eventTypes: SUB_PROCESS_EVENTS,
  catalogues: [],
  tables: ['sub_process_versions', 'sub_process_count_changes', 'sub_process_work_changes'],
  async apply(ctx, events) {
    const changes = events.map((event) =>
      factChange<SubProcessRecord, SubProcessFact>(
        event,
        (s) => s.subProcessId,
        (s) => ({
          team: s.team,
          core_process: s.coreProcess,
          sub_process_code: subProcessCode(s.subProcess),
          status: s.status,
          begun_on: s.startedAt.slice(0, 10),
          completed_on: s.completedAt?.slice(0, 10) ?? null,
        }),
      ),
    );
    // The sums read the versions the facts are about to replace: first sums, then facts.
    await writeSubProcessChanges(ctx, changes);
    await writeFactChanges(ctx.trx, ctx.tenantId, ctx.generation, SUB_PROCESSES, changes);
  },
};
