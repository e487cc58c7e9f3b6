import type { paths } from '../../../api/schema';

/** The API's answer: each projection's serving generation, a rebuild under way, and the newest rebuild job. */
export type ProjectionList = paths['/api/v1/admin/projections']['get']['responses'][200]['content']['application/json'];
export type ProjectionState = ProjectionList['projections'][number];
export type RebuildJob = NonNullable<ProjectionList['lastRebuild']>;
