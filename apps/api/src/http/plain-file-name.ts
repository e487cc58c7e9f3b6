import { z } from 'zod';

const CONTROL = /[\x00-\x1f\x7f]/;

/**
 * Why a name sent by a client cannot name a file at the top of one of our folders; undefined
 * when it can. `\` counts as a separator like `/`: on Linux it is a plain character, but the
 * inbox is often a Windows share, and the export parsers read it as a separator, so a name
 * like `..\x.csv` was stored under one name and imported under another.
 */
export function fileNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'a file name is required';
  if (/[/\\]/.test(name)) return `${JSON.stringify(name)} holds a path separator; send the plain file name`;
  if (name.includes('..')) return `${JSON.stringify(name)} holds ".."; send the plain file name`;
  if (CONTROL.test(name)) return `${JSON.stringify(name)} holds control characters`;
  // Names starting with a dot are the inbox's own (half-received uploads) and are never imported.
  if (name.startsWith('.')) return `${JSON.stringify(name)} starts with a dot`;
  return undefined;
}

/** The check as a zod schema, for file names in a JSON body or a query. */
export const plainFileName = z.string().superRefine((name, context) => {
  const problem = fileNameProblem(name);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});
