import type { AidVersionsTable, CaseVersionsTable, FactContent } from '@jugendamt/db';
import { AID_EVENTS, CASE_EVENTS, isAidEvent, isEducationalAid, legalBasisOf, settingOf, type AidEvent, type AidRecord, type CaseEvent, type CaseRecord } from '@jugendamt/domain';
import { catalogueAt } from '../catalogues/catalogue-store.js';
import { splitAidsBySocialArea } from './aid-area-versions.js';
import type { Projection } from '../runtime/projection.js';
import { factChange, writeFactChanges, type FactChange, type VersionedTable } from './versioned-facts.js';

type AidFact = FactContent<AidVersionsTable, 'aid_id'>;
type CaseFact = FactContent<CaseVersionsTable, 'case_id'>;

const AIDS: VersionedTable<AidFact> = {
  table: 'aid_versions',
  idColumn: 'aid_id',
  columns: {
    case_id: 'text',
    aid_type: 'text',
    paragraph: 'text',
    referenced_paragraph: 'text',
    setting: 'text',
    educational_aid: 'boolean',
    begin_on: 'date',
    end_on: 'date',
    reason_of_ending: 'text',
    residence_after: 'text',
    team: 'text',
  },
};

const CASES: VersionedTable<CaseFact> = {
  table: 'case_versions',
  idColumn: 'case_id',
  columns: { file_reference: 'text', social_area: 'text', team: 'text', begin_on: 'date', end_on: 'date' },
};

/**
 * Aids and cases as known over time: the base of the KPIs on aids (stock, begun, ended,
 * settings, return rate, durations), and the aids split by their case's social area. Paragraph and setting are derived here with the
 * aid-type catalogue, so a catalogue change takes effect by a rebuild.
 */
export const aidHistory: Projection<AidEvent | CaseEvent> = {
  name: 'aid-history',
  eventTypes: [...AID_EVENTS, ...CASE_EVENTS],
  catalogues: ['aid-types'],
  tables: ['aid_versions', 'case_versions', 'aid_area_versions'],

  async apply(ctx, events) {
    const catalogue = await catalogueAt(ctx.trx, ctx.tenantId, 'aid-types', ctx.catalogueVersions['aid-types'] ?? 0);
    const aids: FactChange<AidFact>[] = [];
    const cases: FactChange<CaseFact>[] = [];
    for (const event of events) {
      if (isAidEvent(event)) {
        aids.push(
          factChange<AidRecord, AidFact>(
            event,
            (a) => a.aidId,
            (aid) => {
              const basis = legalBasisOf(aid.paragraph);
              // WebFM's Paragraph field decides; the catalogue helps where it names none.
              const paragraph = basis.paragraph ?? catalogue.entries[aid.aidType]?.paragraph ?? null;
              return {
                case_id: aid.caseId,
                aid_type: aid.aidType,
                paragraph,
                referenced_paragraph: basis.referenced,
                setting: settingOf(aid.aidType, { paragraph, referenced: basis.referenced }, catalogue),
                educational_aid: isEducationalAid(paragraph),
                begin_on: aid.begin,
                end_on: aid.end,
                reason_of_ending: aid.reasonOfEnding,
                residence_after: aid.residenceAfter,
                team: aid.team,
              };
            },
          ),
        );
      } else {
        cases.push(
          factChange<CaseRecord, CaseFact>(
            event,
            (c) => c.caseId,
            (c) => ({
              file_reference: c.fileReference,
              social_area: c.socialArea,
              team: c.team,
              begin_on: c.caseBegin,
              end_on: c.caseEnd,
            }),
          ),
        );
      }
    }
    await writeFactChanges(ctx.trx, ctx.tenantId, ctx.generation, AIDS, aids);
    await writeFactChanges(ctx.trx, ctx.tenantId, ctx.generation, CASES, cases);
    await splitAidsBySocialArea(
      ctx,
      aids.map((a) => a.id),
      cases.map((c) => c.id),
    );
  },
};
