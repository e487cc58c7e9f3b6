import { Controller, Get, Query as QueryString, UseInterceptors } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../access/allow.decorator.js';
import { Caller } from '../access/caller.decorator.js';
import type { Principal } from '../access/role.js';
import { ApiQueryOf, Validated } from '../http/validated.js';
import { ApiAnswerOf } from '../openapi/api-answer.js';
import { AnswerCacheInterceptor } from './answer-cache/answer-cache.interceptor.js';
import { KPIS } from './definitions/index.js';
import type { KpiDefinition } from './kpi-definition.js';
import { KpiQuery } from './kpi-query.js';

/** The KPIs of docs/kpis.md for controlling: every level, every dimension, as of any time. One route per KPI definition. */
@ApiTags('KPIs')
@ApiBearerAuth()
@Allow('controlling')
@UseInterceptors(AnswerCacheInterceptor)
@Controller('api/v1/kpis')
export class KpisController {
  constructor(readonly queries: QueryBus) {}
}

/**
 * Gives the controller a method for the KPI, decorated as a hand-written one would be: the
 * route, its validated query string and the caller as parameters, its OpenAPI words. Nest
 * and the OpenAPI document read the decorators' metadata, not the source.
 */
function serve(kpi: KpiDefinition): void {
  const prototype = KpisController.prototype as unknown as Record<string, unknown>;
  // Named as the method: OpenAPI's operationId is the controller's name and the function's.
  const methods = {
    [kpi.method](this: KpisController, caller: Principal, params: unknown) {
      return this.queries.execute(new KpiQuery(kpi, caller, params));
    },
  };
  Object.defineProperty(prototype, kpi.method, { value: methods[kpi.method], writable: true, configurable: true });
  Caller()(prototype, kpi.method, 0);
  QueryString(new Validated(kpi.params))(prototype, kpi.method, 1);
  Reflect.defineMetadata('design:paramtypes', [Object, Object], prototype, kpi.method);
  const descriptor = Object.getOwnPropertyDescriptor(prototype, kpi.method)!;
  const decorated = Reflect.decorate([Get(kpi.route), ApiOperation({ summary: kpi.summary }), ApiQueryOf(kpi.fields), ApiAnswerOf(kpi.answer, kpi.answers)], prototype, kpi.method, descriptor);
  Object.defineProperty(prototype, kpi.method, decorated as PropertyDescriptor);
}

for (const kpi of KPIS) serve(kpi);
