import { StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

/** A CSV answer as a download under `fileName` (ASCII: the name is sent in the header as it is). */
export function csvDownload(reply: FastifyReply, fileName: string, csv: Buffer): StreamableFile {
  reply.header('content-type', 'text/csv; charset=utf-8');
  reply.header('content-disposition', `attachment; filename="${fileName}"`);
  return new StreamableFile(csv);
}
