import { DEFAULT_CODE_LISTS } from '../parsing/code-lists.js';
import { DEFAULT_DATE_FORMATS, DEFAULT_TIMESTAMP_FORMATS } from '../parsing/date-patterns.js';
import type { ExportProfile, FieldSpec } from './profile.js';

const formats = { dateFormats: DEFAULT_DATE_FORMATS, timestampFormats: DEFAULT_TIMESTAMP_FORMATS };

const EARLIEST = '1990-01-01';

const id = (header: string, required = true): FieldSpec => ({ header, type: 'text', required, privacy: 'identifier' });
const text = (header: string, required = true): FieldSpec => ({ header, type: 'text', required, privacy: 'plain' });
const code = (header: string, required = true): FieldSpec => ({ header, type: 'code', required, privacy: 'plain' });
const personal = (header: string): FieldSpec => ({ header, type: 'text', required: false, privacy: 'personal' });
const businessDate = (header: string, required: boolean, notAfterObservation = true): FieldSpec => ({
  header,
  type: 'date',
  required,
  privacy: 'plain',
  notBefore: EARLIEST,
  notAfterObservation,
});
const timestamp = (header: string, required: boolean): FieldSpec => ({
  header,
  type: 'timestamp',
  required,
  privacy: 'plain',
  notBefore: EARLIEST,
  notAfterObservation: true,
});

/** The default profile: exactly the files docs/exports.md describes. */
export const DEFAULT_EXPORT_PROFILE: ExportProfile = {
  name: 'default (PROSOZ OPEN/WebFM and 14plus as described in docs/exports.md)',
  sources: {
    webfm_faelle: {
      source: 'webfm_faelle',
      ...formats,
      kind: 'snapshot',
      encoding: 'utf-8',
      delimiter: ';',
      idField: 'caseId',
      fields: {
        caseId: id('Fall-ID'),
        fileReference: id('Aktenzeichen'),
        name: personal('Name'),
        firstName: personal('Vorname'),
        birthDate: { header: 'Geburtsdatum', type: 'date', required: false, privacy: 'personal', keep: 'year', notBefore: EARLIEST, notAfterObservation: true },
        gender: code('Geschlecht', false),
        socialArea: text('Sozialraum'),
        team: text('Team'),
        caseWorkerId: id('Fachkraft-ID', false),
        caseBegin: businessDate('Fallbeginn', true),
        caseEnd: businessDate('Fallende', false),
        changedAt: timestamp('Geändert am', true),
      },
    },
    webfm_hilfen: {
      source: 'webfm_hilfen',
      ...formats,
      kind: 'snapshot',
      encoding: 'utf-8',
      delimiter: ';',
      idField: 'aidId',
      fields: {
        aidId: id('Hilfe-ID'),
        caseId: id('Fall-ID'),
        aidType: text('Hilfeart'),
        paragraph: text('Paragraph'),
        begin: businessDate('Beginn', true),
        end: businessDate('Ende', false),
        reasonOfEnding: code('Beendigungsgrund', false),
        residenceAfter: code('Aufenthalt nach Hilfeende', false),
        provider: { ...personal('Leistungserbringer'), multiline: true },
        team: text('Team'),
        caseWorkerId: id('Fachkraft-ID', false),
        changedAt: timestamp('Geändert am', true),
      },
    },
    webfm_teilprozesse: {
      source: 'webfm_teilprozesse',
      ...formats,
      kind: 'delta',
      encoding: 'utf-8',
      delimiter: ';',
      idField: 'subProcessId',
      fields: {
        subProcessId: id('Teilprozess-ID'),
        caseId: id('Fall-ID'),
        coreProcess: text('Kernprozess'),
        subProcess: text('Teilprozess'),
        team: text('Team'),
        caseWorkerId: id('Fachkraft-ID', false),
        startedAt: timestamp('Begonnen am', true),
        completedAt: timestamp('Abgeschlossen am', false),
        status: code('Status'),
      },
    },
    webfm_mitarbeiter: {
      source: 'webfm_mitarbeiter',
      ...formats,
      kind: 'snapshot',
      encoding: 'utf-8',
      delimiter: ';',
      idField: 'staffId',
      fields: {
        staffId: id('Mitarbeiter-ID'),
        name: personal('Name'),
        team: text('Team'),
        teamSince: businessDate('Team seit', true, false),
        role: code('Funktion'),
        fte: { header: 'Stellenanteil', type: 'decimal', required: true, privacy: 'plain' },
        joined: businessDate('Eintritt', true, false),
        // Known leavers are entered in advance, so a future Austritt is expected.
        left: { header: 'Austritt', type: 'date', required: false, privacy: 'plain', notBefore: EARLIEST },
        changedAt: timestamp('Geändert am', true),
      },
    },
    '14plus_chronik': {
      source: '14plus_chronik',
      ...formats,
      kind: 'journal',
      encoding: 'windows-1252',
      delimiter: ';',
      idField: 'entryNo',
      fields: {
        entryNo: { header: 'Chronik-Nr', type: 'integer', required: true, privacy: 'plain' },
        fileReference: id('Aktenzeichen'),
        date: businessDate('Datum', true),
        recordedAt: timestamp('Erfasst am', true),
        unit: text('Sachgebiet'),
        clerkId: id('Sachbearbeiter-ID'),
        entryType: code('Eintragsart'),
        aidType: text('Hilfeart', false),
        amount: { header: 'Betrag', type: 'amount', required: false, privacy: 'plain' },
        periodFrom: { header: 'Zeitraum von', type: 'date', required: false, privacy: 'plain', notBefore: EARLIEST },
        periodTo: { header: 'Zeitraum bis', type: 'date', required: false, privacy: 'plain', notBefore: EARLIEST },
        text: { ...personal('Text'), multiline: true },
        cancels: code('Storniert'),
        cancelledEntryNo: { header: 'Bezug-Nr', type: 'integer', required: false, privacy: 'plain' },
      },
    },
    einwohner: {
      source: 'einwohner',
      ...formats,
      kind: 'population',
      // The statistics office's files come with or without a byte order mark; both are read.
      encoding: 'utf-8',
      delimiter: ';',
      // Counts hold no id: a row's record is its band (populationRecordId), built from four
      // columns. The reader's per-row id serves only to shield a bad row's record, and a row
      // too broken to read its band from shields none.
      idField: 'socialArea',
      fields: {
        stichtag: businessDate('Stichtag', true),
        socialArea: text('Sozialraum'),
        ageFrom: { header: 'Alter von', type: 'integer', required: true, privacy: 'plain' },
        ageTo: { header: 'Alter bis', type: 'integer', required: true, privacy: 'plain' },
        residents: { header: 'Anzahl', type: 'integer', required: true, privacy: 'plain' },
        gender: code('Geschlecht', false),
      },
    },
  },
  codeLists: DEFAULT_CODE_LISTS,
};
