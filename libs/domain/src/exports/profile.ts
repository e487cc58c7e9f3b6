/**
 * A mapping profile describes how one office's exports look: file names, encoding,
 * delimiter and, per logical field, the German column header. Headers are matched by
 * name, so column order does not matter. The default profile is docs/exports.md's.
 */
export const EXPORT_SOURCES = ['webfm_faelle', 'webfm_hilfen', 'webfm_teilprozesse', 'webfm_mitarbeiter', '14plus_chronik', 'einwohner'] as const;
export type ExportSource = (typeof EXPORT_SOURCES)[number];

/**
 * How a source's files relate to each other (docs/exports.md "Semantics"). `population`: a
 * snapshot per Stichtag, each file stating whole the Stichtage it holds (einwohner).
 */
export type ExportKind = 'snapshot' | 'delta' | 'journal' | 'population';

export type FieldType = 'text' | 'date' | 'timestamp' | 'decimal' | 'amount' | 'integer' | 'code';

/**
 * - `personal`: names, birth dates, free text. Dropped by the reader, never stored or logged.
 *   A birth date may still be parsed for its year (`keep: 'year'`).
 * - `identifier`: pseudonymised before it leaves the parser; never shown in reports.
 */
export type FieldPrivacy = 'plain' | 'identifier' | 'personal';

export interface FieldSpec {
  /** The header as it appears in the file. */
  readonly header: string;
  readonly type: FieldType;
  readonly required: boolean;
  readonly privacy: FieldPrivacy;
  /** Dates before this are implausible (docs/exports.md: before 1990). */
  readonly notBefore?: string;
  /** Dates after the file's observation date are implausible. */
  readonly notAfterObservation?: boolean;
  /** For personal birth dates: keep only the year. */
  readonly keep?: 'year';
  /** Free text that may hold line breaks; in any other column a line break means merged rows. */
  readonly multiline?: boolean;
}

import type { CodeLists } from '../parsing/code-lists.js';

export interface SourceProfile {
  readonly source: ExportSource;
  readonly kind: ExportKind;
  readonly encoding: 'utf-8' | 'windows-1252';
  readonly delimiter: string;
  /** Field of the record's stable id (duplicates within a snapshot are bad input). */
  readonly idField: string;
  /** Logical field name → its column. */
  readonly fields: Readonly<Record<string, FieldSpec>>;
  /** Accepted date formats, tokens TT, MM, JJJJ (default `TT.MM.JJJJ`). */
  readonly dateFormats: readonly string[];
  /** Accepted timestamp formats, tokens TT, MM, JJJJ, HH, MI, SS. */
  readonly timestampFormats: readonly string[];
}

export interface ExportProfile {
  readonly name: string;
  readonly sources: Readonly<Record<ExportSource, SourceProfile>>;
  readonly codeLists: CodeLists;
}
