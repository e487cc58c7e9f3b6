import { BadRequestException, ConflictException, Get, HttpCode, Inject, Param, Put, Req, UnsupportedMediaTypeException } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiParam } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import type { z } from 'zod';
import { InboxFileError, sha256OfFile, type ImportRuntime } from '@jugendamt/ingest-pipeline';
import { basename } from 'node:path';
import { Caller } from '../access/caller.decorator.js';
import type { Principal } from '../access/role.js';
import { fileNameProblem } from '../http/plain-file-name.js';
import { ApiAcceptedAnswerOf } from '../openapi/api-answer.js';
import { AdminController } from './admin-controller.decorator.js';
import { IMPORT_RUNTIME, runtimeOfOffice } from './import-runtime.provider.js';
import { uploadAnswer } from './queue-answers.js';

function badFileName(message: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message, errors: [{ field: 'fileName', message }] });
}

/** The upload as a stream; non-JSON bodies arrive unread (http/export-uploads.ts), an empty one as nothing. */
function uploadedFile(body: unknown): Readable {
  if (body instanceof Readable) return body;
  if (body === undefined) return Readable.from([]);
  throw new UnsupportedMediaTypeException('send the export file as it was exported (e.g. content-type text/csv or application/octet-stream), not as JSON');
}

/** The inbox: what waits to be imported, and uploads for offices without a shared folder. */
@AdminController('inbox', 'imports')
export class InboxController {
  constructor(@Inject(IMPORT_RUNTIME) private readonly runtime: ImportRuntime) {}

  @Get()
  @ApiOperation({ summary: 'Export files waiting in the inbox, in observation order' })
  async waiting(@Caller() caller: Principal) {
    const { inbox } = runtimeOfOffice(this.runtime, caller.tenantId);
    const files = await inbox.waiting();
    return { dir: inbox.dir, files: files.map((f) => ({ name: f.name, source: f.source, observedAt: f.observedAt.toISOString(), bytes: f.bytes })) };
  }

  @Put(':fileName')
  @HttpCode(202)
  @ApiOperation({ summary: 'Upload an export file (the request body is the file, as exported, up to UPLOAD_MAX_BYTES) and import it' })
  @ApiParam({ name: 'fileName', example: 'webfm_faelle_20261122_0215.csv' })
  @ApiConsumes('application/octet-stream', 'text/csv')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiAcceptedAnswerOf(uploadAnswer, 'The file as it waits in the inbox, and the job importing it')
  async upload(@Caller() caller: Principal, @Param('fileName') fileName: string, @Req() request: { body: unknown }): Promise<z.output<typeof uploadAnswer>> {
    const problem = fileNameProblem(fileName);
    if (problem) throw badFileName(problem);
    const content = uploadedFile(request.body);
    const runtime = runtimeOfOffice(this.runtime, caller.tenantId);
    let path: string;
    try {
      path = await runtime.inbox.receive(fileName, content);
    } catch (error) {
      if (error instanceof InboxFileError) {
        if (error.kind === 'exists') throw new ConflictException(error.message);
        throw badFileName(error.message);
      }
      throw error;
    }
    const job = await runtime.runner.submit({ kind: 'file', file: basename(path), sha256: await sha256OfFile(path) });
    return { file: basename(path), job };
  }
}
