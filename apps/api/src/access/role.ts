/**
 * Who may do what (issue: roles): `admin` runs imports and edits catalogues; `controlling`
 * reads every KPI at any level; `planning` pulls the annual report, its team tables only
 * with small numbers suppressed.
 */
export const ROLES = ['admin', 'controlling', 'planning'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The caller of a request, once its bearer token is verified. */
export interface Principal {
  readonly tenantId: string;
  readonly role: Role;
  /** The token's id or the single sign-on subject: logged, never a name. */
  readonly subject: string;
}
