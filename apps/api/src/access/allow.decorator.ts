import { SetMetadata } from '@nestjs/common';
import type { Role } from './role.js';

export const ALLOWED_ROLES = 'allowedRoles';
export const PUBLIC_ROUTE = 'publicRoute';

/** The roles that may call a route; every route names them or is marked public. */
export const Allow = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

/** Health, metrics and the docs answer without a token. */
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);
