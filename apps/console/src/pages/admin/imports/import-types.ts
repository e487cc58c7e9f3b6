import type { paths } from '../../../api/schema';

type AnswerOf<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer A } } } } } ? A : never;

/** The answers the imports page reads, as the API declares them. */
export type ImportRecord = AnswerOf<'/api/v1/admin/imports'>['imports'][number];
export type ImportDetail = AnswerOf<'/api/v1/admin/imports/{importId}'>;
export type Finding = AnswerOf<'/api/v1/admin/imports/{importId}/findings'>['findings'][number];
