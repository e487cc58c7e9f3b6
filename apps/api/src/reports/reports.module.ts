import { Module } from '@nestjs/common';
import { KpisModule } from '../kpis/kpis.module.js';
import { AnnualReportHandler } from './annual-report.query.js';
import { ReportsController } from './reports.controller.js';

@Module({ imports: [KpisModule], controllers: [ReportsController], providers: [AnnualReportHandler] })
export class ReportsModule {}
