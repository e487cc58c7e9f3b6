import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow } from '../access/allow.decorator.js';

/** A controller of the administrator's API: under /api/v1/admin, role admin only, grouped in the docs. */
export function AdminController(path: string, docsGroup: 'imports' | 'catalogues' | 'access log'): ClassDecorator {
  return applyDecorators(ApiTags(`Administration: ${docsGroup}`), ApiBearerAuth(), Allow('admin'), Controller(`api/v1/admin/${path}`));
}
