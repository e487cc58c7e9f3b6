import { PayloadTooLargeException } from '@nestjs/common';
import { Readable } from 'node:stream';

/** The refusal of a body above its limit, in the shape of every other refusal. */
export function bodyTooLarge(what: string, limit: number, setting?: string): PayloadTooLargeException {
  return new PayloadTooLargeException(`${what} is larger than ${limit} bytes${setting ? ` (${setting})` : ''}`);
}

/** A body whose Content-Length already says it is too large: refused before a byte is read. */
export function declaredAbove(headers: Readonly<Record<string, string | string[] | undefined>>, limit: number): boolean {
  const declared = Number(headers['content-length']);
  return Number.isFinite(declared) && declared > limit;
}

/**
 * A request body that fails with `tooLarge` once more than `limit` bytes arrived, for bodies
 * sent without a length (chunked). It reads its source only when it is read itself, so a
 * body nobody asks for is left to Node, which discards it after the answer. When it fails
 * or is dropped, the rest of the request is read and discarded rather than the connection
 * destroyed: the client then sees its 413, not a connection reset.
 */
export class LimitedBody extends Readable {
  private received = 0;
  private attached = false;

  constructor(
    private readonly source: Readable,
    private readonly limit: number,
    private readonly tooLarge: () => Error,
  ) {
    super();
  }

  override _read(): void {
    if (this.attached) {
      this.source.resume();
      return;
    }
    this.attached = true;
    this.source.on('data', this.onData).once('end', this.onEnd).once('error', this.onError);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (this.detach()) this.source.resume();
    callback(error);
  }

  private readonly onData = (chunk: Buffer): void => {
    this.received += chunk.length;
    if (this.received > this.limit) {
      this.destroy(this.tooLarge());
      return;
    }
    if (!this.push(chunk)) this.source.pause();
  };

  private readonly onEnd = (): void => {
    this.detach();
    this.push(null);
  };

  private readonly onError = (error: Error): void => {
    this.detach();
    this.destroy(error);
  };

  /** Whether it was still reading its source. */
  private detach(): boolean {
    const was = this.attached && !this.source.readableEnded;
    this.source.off('data', this.onData).off('end', this.onEnd).off('error', this.onError);
    this.attached = false;
    return was;
  }
}
