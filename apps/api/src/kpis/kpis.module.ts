import { Module } from '@nestjs/common';
import { AnswerCacheInterceptor } from './answer-cache/answer-cache.interceptor.js';
import { KnowledgeStampReader } from './answer-cache/knowledge-stamp.js';
import { KnowledgeBasisReader } from './knowledge-basis.js';
import { KpiContext } from './kpi-context.js';
import { KpiQueryHandler } from './kpi-query.js';
import { KpisController } from './kpis.controller.js';
import { TeamDirectory } from './team-directory.js';
import { TeamsController } from './teams.controller.js';

@Module({
  controllers: [KpisController, TeamsController],
  providers: [KnowledgeBasisReader, TeamDirectory, KpiContext, KnowledgeStampReader, AnswerCacheInterceptor, KpiQueryHandler],
  exports: [KpiContext, TeamDirectory, KnowledgeStampReader, AnswerCacheInterceptor],
})
export class KpisModule {}
