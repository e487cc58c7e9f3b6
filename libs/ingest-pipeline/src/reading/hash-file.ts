import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** The content hash that recognises the same file delivered twice, whatever its name. */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
