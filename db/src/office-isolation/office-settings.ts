/** The role the API and the workers query as: no BYPASSRLS, owns nothing (migration 0017). */
export const APP_ROLE = 'jugendamt_app';

/** The setting every office policy compares `tenant_id` with (migration 0017). */
export const OFFICE_SETTING = 'jugendamt.tenant_id';
