import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { DatabaseHandle } from '@jugendamt/db';
import { PublicRoute } from '../access/allow.decorator.js';
import { DATABASE } from '../database/database.module.js';
import { registerImportMetrics } from './import-metrics.js';

/** Prometheus metrics; they carry counts and times only, never a record. Serve them on the internal network. */
@ApiTags('Operations')
@PublicRoute()
@Controller('metrics')
export class MetricsController {
  private readonly registry = new Registry();

  constructor(@Inject(DATABASE) database: DatabaseHandle) {
    collectDefaultMetrics({ register: this.registry });
    registerImportMetrics(this.registry, database);
  }

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({ summary: 'Prometheus metrics: import durations, rows, events, projection lag' })
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
