import type { Middleware } from 'openapi-fetch';
import { api } from '../../../api/client';
import type { paths } from '../../../api/schema';

type ListAnswer = paths['/api/v1/admin/catalogues']['get']['responses'][200]['content']['application/json'];
type OneAnswer = paths['/api/v1/admin/catalogues/{name}']['get']['responses'][200]['content']['application/json'];
export type SavedAnswer = paths['/api/v1/admin/catalogues/{name}']['put']['responses'][200]['content']['application/json'];

/** A catalogue in its current version, as the list gives it. */
export type CatalogueView = ListAnswer['catalogues'][number];
export type CatalogueName = CatalogueView['name'];
/** One version of a catalogue and the whole history; the effect is told for the current version only. */
export type CatalogueVersionView = OneAnswer;
export type VersionStamp = OneAnswer['versions'][number];

/** Each catalogue's content by its name: indexed by a generic name, it stays tied to that name. */
export type Contents = { [N in CatalogueName]: Extract<CatalogueView, { name: N }>['content'] };

export const CATALOGUE_NAMES: readonly CatalogueName[] = ['aid-types', 'chronicle-types', 'staffing', 'process-times', 'budgets', 'plausibility-rules'];

export function isCatalogueName(name: string | undefined): name is CatalogueName {
  return CATALOGUE_NAMES.some((known) => known === name);
}

/** A field the API refused, by its path in the catalogue (`entries.SPFH.paragraph`). */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** The API refused an edit and named the fields; the form shows each at its field. */
export class FieldRefusal extends Error {
  constructor(readonly fieldErrors: readonly FieldError[]) {
    super('Die Änderung wurde nicht gespeichert.');
  }
}

function fieldErrorsOf(body: unknown): FieldError[] {
  if (typeof body !== 'object' || body === null || !('errors' in body) || !Array.isArray(body.errors)) return [];
  return body.errors.flatMap((error: unknown) =>
    typeof error === 'object' && error !== null && 'field' in error && 'message' in error && typeof error.field === 'string' && typeof error.message === 'string'
      ? [{ field: error.field, message: error.message }]
      : [],
  );
}

// Runs before the client's own error handling (request middleware answers first), which would keep only a sentence.
const refusalsNameTheirFields: Middleware = {
  async onResponse({ response }) {
    if (response.status !== 400) return undefined;
    const errors = fieldErrorsOf(
      await response
        .clone()
        .json()
        .catch(() => null),
    );
    if (errors.length) throw new FieldRefusal(errors);
    return undefined;
  },
};

export async function listCatalogues(): Promise<readonly CatalogueView[]> {
  const { data } = await api.GET('/api/v1/admin/catalogues');
  return data!.catalogues;
}

/** The current version (without `version`) or a former one, each with the catalogue's history. */
export async function catalogueVersion(name: CatalogueName, version?: number): Promise<CatalogueVersionView> {
  const { data } = await api.GET('/api/v1/admin/catalogues/{name}', { params: { path: { name }, query: version === undefined ? {} : { version } } });
  return data!;
}

/** Stores an edit as the next version; a refusal comes as FieldRefusal. */
export async function saveCatalogue<N extends CatalogueName>(name: N, content: Contents[N]): Promise<SavedAnswer> {
  const { data } = await api.PUT('/api/v1/admin/catalogues/{name}', { params: { path: { name } }, body: content, middleware: [refusalsNameTheirFields] });
  return data!;
}
