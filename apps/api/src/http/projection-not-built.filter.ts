import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ProjectionNotBuiltError } from '@jugendamt/projections';

/**
 * Before the first catch-up after an installation (or while a new office's first generation is
 * built) a KPI cannot be answered yet: that is a wait, not a fault, so 503 with Retry-After.
 */
@Catch(ProjectionNotBuiltError)
export class ProjectionNotBuiltFilter implements ExceptionFilter {
  catch(error: ProjectionNotBuiltError, host: ArgumentsHost): void {
    host
      .switchToHttp()
      .getResponse<FastifyReply>()
      .status(503)
      .header('retry-after', '30')
      .send({ statusCode: 503, error: 'Service Unavailable', message: `${error.message}; the API builds it within a minute of its start` });
  }
}
