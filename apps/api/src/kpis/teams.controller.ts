import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Allow } from '../access/allow.decorator.js';
import { Caller } from '../access/caller.decorator.js';
import type { Principal } from '../access/role.js';
import { ApiAnswerOf } from '../openapi/api-answer.js';
import { TeamDirectory } from './team-directory.js';

const teamList = z.object({ teams: z.array(z.string()).describe('Team names as the exports spell them, sorted') });

@ApiTags('KPIs')
@ApiBearerAuth()
@Controller('api/v1/teams')
export class TeamsController {
  constructor(private readonly teams: TeamDirectory) {}

  @Get()
  @Allow('controlling', 'planning', 'admin')
  @ApiOperation({ summary: 'The teams of the office: the values the `team` parameter takes' })
  @ApiAnswerOf(teamList, 'The teams known from the imported exports')
  async list(@Caller() caller: Principal): Promise<z.output<typeof teamList>> {
    return { teams: await this.teams.teams(caller.tenantId) };
  }
}
