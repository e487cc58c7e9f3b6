import { z } from 'zod';
import { CATALOGUE_SCHEMAS, type CatalogueName, type Catalogues } from '@jugendamt/projections';

// Typed as the catalogues they check, so an answer's content is the catalogue's own (readonly) type.
const CONTENT: { readonly [N in CatalogueName]: z.ZodType<Catalogues[N]> } = CATALOGUE_SCHEMAS;

/** When and by whom a version was stored; it holds from then until the next one. */
const versionStamp = {
  createdAt: z.string().nullable().describe('When the version was stored (ISO timestamp), from when it holds; null for version 0, shipped with the product'),
  createdBy: z.string().nullable().describe('Who stored it: role and token id or sign-on subject; null for version 0 and for versions stored before authors were kept'),
  createdByLabel: z.string().nullable().describe('The label of the access token that stored it, where a token did'),
};

export const catalogueVersionAnswer = z.object({ version: z.number().int(), ...versionStamp });

const effect = {
  takesEffect: z.enum(['at once', 'by a rebuild']).describe('at once: the KPI queries read it; by a rebuild: it shapes projection tables'),
  builtWith: z
    .array(z.object({ projection: z.string(), version: z.number().int().nullable() }))
    .readonly()
    .describe('The version each projection that uses it was built with'),
  rebuildPending: z.array(z.string()).readonly().describe('The projections still built with another version'),
};

function currentOf<N extends CatalogueName>(name: N) {
  return z.object({ name: z.literal(name), version: z.number().int(), content: CONTENT[name], ...versionStamp, ...effect });
}

function oneOf<N extends CatalogueName>(name: N) {
  return currentOf(name)
    .extend({ versions: z.array(catalogueVersionAnswer).readonly().describe('Every version, newest first; the last is version 0') })
    .partial({ takesEffect: true, builtWith: true, rebuildPending: true });
}

/** A catalogue's current version and whether the numbers follow it yet; `content` has the shape its `name` says. */
export const catalogueViewAnswer = z.discriminatedUnion('name', [
  currentOf('aid-types'),
  currentOf('chronicle-types'),
  currentOf('staffing'),
  currentOf('process-times'),
  currentOf('budgets'),
  currentOf('plausibility-rules'),
]);

export const catalogueListAnswer = z.object({ catalogues: z.array(catalogueViewAnswer).readonly() });

/** One version with the history; the effect is told for the current version only. */
export const catalogueOneAnswer = z.discriminatedUnion('name', [
  oneOf('aid-types'),
  oneOf('chronicle-types'),
  oneOf('staffing'),
  oneOf('process-times'),
  oneOf('budgets'),
  oneOf('plausibility-rules'),
]);

/** The stored version, and the rebuild started for it (absent when none was needed or asked). */
export const catalogueSavedAnswer = z.intersection(
  catalogueViewAnswer,
  z.object({ rebuildJob: z.object({ id: z.string(), description: z.string(), state: z.string() }).optional().describe('The rebuild job (GET /api/v1/admin/jobs/:id tells it in full)') }),
);
