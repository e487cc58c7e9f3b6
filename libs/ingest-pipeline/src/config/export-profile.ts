import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  CODE_LIST_NAMES,
  DEFAULT_EXPORT_PROFILE,
  EXPORT_SOURCES,
  patternProblem,
  type CodeList,
  type CodeListName,
  type ExportProfile,
  type ExportSource,
  type SourceProfile,
} from '@jugendamt/domain';

/** A profile file names only what differs from the default profile (docs/exports.md). */
export class ExportProfileError extends Error {
  override readonly name = 'ExportProfileError';
}

const formats = (kind: 'date' | 'timestamp') =>
  z
    .array(z.string())
    .min(1)
    .superRefine((patterns, ctx) => {
      for (const pattern of patterns) {
        const problem = patternProblem(pattern, kind);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }
    });

const sourceOverride = (source: ExportSource) => {
  const fields = Object.keys(DEFAULT_EXPORT_PROFILE.sources[source].fields);
  return z.strictObject({
    encoding: z.enum(['utf-8', 'windows-1252']).optional(),
    delimiter: z
      .string()
      .length(1, 'the delimiter is one character')
      // The quote and line ends already mean something in CSV.
      .refine((d) => !['"', '\r', '\n'].includes(d), 'the delimiter cannot be a quote or a line end')
      .optional(),
    headers: z
      .record(z.string(), z.string().trim().min(1, 'a header cannot be empty'))
      .superRefine((headers, ctx) => {
        for (const field of Object.keys(headers)) {
          if (!fields.includes(field)) ctx.addIssue({ code: 'custom', path: [field], message: `unknown field; known: ${fields.join(', ')}` });
        }
      })
      .optional(),
    dateFormats: formats('date').optional(),
    timestampFormats: formats('timestamp').optional(),
  });
};

const codeListOverride = z.strictObject({
  extraValues: z.array(z.string().trim().min(1)).optional(),
  // Cells are trimmed before they are matched, so an alias is too.
  aliases: z
    .record(z.string(), z.string().trim())
    .transform((aliases) => Object.fromEntries(Object.entries(aliases).map(([alias, value]) => [alias.trim(), value])))
    .optional(),
});

const profileFile = z.strictObject({
  name: z.string().min(1),
  extends: z.literal('default').optional(),
  sources: z.strictObject(Object.fromEntries(EXPORT_SOURCES.map((s) => [s, sourceOverride(s).optional()])) as Record<ExportSource, z.ZodOptional<ReturnType<typeof sourceOverride>>>).optional(),
  codeLists: z.strictObject(Object.fromEntries(CODE_LIST_NAMES.map((n) => [n, codeListOverride.optional()])) as Record<CodeListName, z.ZodOptional<typeof codeListOverride>>).optional(),
});

export type ExportProfileFile = z.infer<typeof profileFile>;

/** Reads a profile file and lays it over the default profile; every mistake is named by its JSON path. */
export function loadExportProfile(path: string): ExportProfile {
  let json: unknown;
  try {
    // Editors on Windows like to save JSON with a byte order mark, which JSON.parse refuses.
    json = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ExportProfileError(`profile ${path}: ${(error as Error).message}`);
  }
  return exportProfileFrom(json, path);
}

export function exportProfileFrom(json: unknown, origin = 'profile'): ExportProfile {
  const parsed = profileFile.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(top)'}: ${issue.message}`);
    throw new ExportProfileError(`profile ${origin}: ${problems.join('; ')}`);
  }
  const file = parsed.data;
  const sources = Object.fromEntries(EXPORT_SOURCES.map((source) => [source, overriddenSource(DEFAULT_EXPORT_PROFILE.sources[source], file.sources?.[source])])) as Record<ExportSource, SourceProfile>;
  for (const [source, profile] of Object.entries(sources)) checkHeadersDistinct(source, profile, origin);
  const codeLists = Object.fromEntries(CODE_LIST_NAMES.map((name) => [name, overriddenCodeList(DEFAULT_EXPORT_PROFILE.codeLists[name], file.codeLists?.[name], name, origin)])) as Record<
    CodeListName,
    CodeList
  >;
  return { name: file.name, sources, codeLists };
}

function overriddenSource(base: SourceProfile, override: z.infer<ReturnType<typeof sourceOverride>> | undefined): SourceProfile {
  if (!override) return base;
  const fields = Object.fromEntries(Object.entries(base.fields).map(([field, spec]) => [field, { ...spec, header: override.headers?.[field] ?? spec.header }]));
  return {
    ...base,
    encoding: override.encoding ?? base.encoding,
    delimiter: override.delimiter ?? base.delimiter,
    dateFormats: override.dateFormats ?? base.dateFormats,
    timestampFormats: override.timestampFormats ?? base.timestampFormats,
    fields,
  };
}

/** Headers are matched by name: two fields under one header could not be told apart. */
function checkHeadersDistinct(source: string, profile: SourceProfile, origin: string): void {
  const seen = new Map<string, string>();
  for (const [field, spec] of Object.entries(profile.fields)) {
    const other = seen.get(spec.header.toLowerCase());
    if (other) throw new ExportProfileError(`profile ${origin}: sources.${source}.headers: "${spec.header}" names both ${other} and ${field}`);
    seen.set(spec.header.toLowerCase(), field);
  }
}

function overriddenCodeList(base: CodeList, override: z.infer<typeof codeListOverride> | undefined, name: string, origin: string): CodeList {
  if (!override) return base;
  const values = [...base.values, ...(override.extraValues ?? []).filter((v) => !base.values.includes(v))];
  for (const [alias, canonical] of Object.entries(override.aliases ?? {})) {
    const at = `profile ${origin}: codeLists.${name}.aliases.${alias}`;
    if (!values.includes(canonical)) throw new ExportProfileError(`${at}: "${canonical}" is not a value of the list (${values.join(', ')})`);
    // A value of the list is matched as itself before any alias, so such an alias would be ignored.
    if (values.includes(alias) && alias !== canonical) throw new ExportProfileError(`${at}: "${alias}" is itself a value of the list`);
  }
  return { values, aliases: { ...base.aliases, ...override.aliases } };
}
