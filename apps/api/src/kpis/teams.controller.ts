import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../access/allow.decorator.js';
import { Caller } from '../access/caller.decorator.js';
import type { Principal } from '../access/role.js';
import { TeamDirectory } from './team-directory.js';

@ApiTags('KPIs')
@ApiBearerAuth()
@Controller('api/v1/teams')
export class TeamsController {
  constructor(private readonly teams: TeamDirectory) {}

  @Get()
  @Allow('controlling', 'planning', 'admin')
  @ApiOperation({ summary: 'The teams of the office: the values the `team` parameter takes' })
  async list(@Caller() caller: Principal): Promise<{ teams: string[] }> {
    return { teams: await this.teams.teams(caller.tenantId) };
  }
}
