import { Module } from '@nestjs/common';
import { KpisModule } from '../kpis/kpis.module.js';
import { FindingsToFixHandler, InputQualityHandler } from './input-quality.query.js';
import { JsonAnswerCacheInterceptor } from './json-answer-cache.interceptor.js';
import { QualityController } from './quality.controller.js';

@Module({
  imports: [KpisModule],
  controllers: [QualityController],
  providers: [InputQualityHandler, FindingsToFixHandler, JsonAnswerCacheInterceptor],
})
export class QualityModule {}
