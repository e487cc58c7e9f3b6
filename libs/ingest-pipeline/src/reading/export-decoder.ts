import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';
import { FileProblem } from './file-problem.js';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const LF = 0x0a;

/**
 * Turns the bytes of an export into text, refusing a file whose bytes do not fit the
 * declared encoding: mis-decoded text would silently become wrong team names and codes.
 *
 * - UTF-8 (WebFM): the byte order mark is dropped; any invalid sequence is a problem.
 * - Windows-1252 (14plus): every byte decodes, so a UTF-8 file would pass unnoticed;
 *   a UTF-8 BOM or the two-byte pattern of UTF-8 umlauts (Ã¤ …) gives it away.
 * - NUL bytes never occur in CSV text: the file is binary.
 */
export class ExportDecoder extends Transform {
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });
  private readonly cp1252 = iconv.getDecoder('windows-1252');
  private first = true;
  private linesBefore = 0;
  /** The last byte of the previous chunk, for a UTF-8 pair split across chunks. */
  private carry: number | undefined;
  bytesOfText = 0;

  constructor(private readonly encoding: 'utf-8' | 'windows-1252') {
    super({ readableObjectMode: false, decodeStrings: true, encoding: 'utf8' });
  }

  override _transform(input: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      let chunk = input;
      if (this.first) {
        this.first = false;
        if (chunk.subarray(0, 3).equals(BOM)) {
          if (this.encoding === 'windows-1252') throw new FileProblem('the file starts with a UTF-8 byte order mark, but the profile declares Windows-1252', 1);
          chunk = chunk.subarray(3);
        }
      }
      const nul = chunk.indexOf(0);
      if (nul >= 0) throw new FileProblem('the file is not CSV text: it holds binary data (NUL bytes)', this.lineAt(chunk, nul));
      this.bytesOfText += chunk.length;
      const text = this.encoding === 'utf-8' ? this.decodeUtf8(chunk) : this.decodeCp1252(chunk);
      this.linesBefore += countLineFeeds(chunk, chunk.length);
      done(null, text);
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      const rest = this.encoding === 'utf-8' ? this.decodeUtf8(undefined) : (this.cp1252.end() ?? '');
      done(null, rest);
    } catch (error) {
      done(error as Error);
    }
  }

  private decodeUtf8(chunk: Buffer | undefined): string {
    try {
      return chunk ? this.utf8.decode(chunk, { stream: true }) : this.utf8.decode();
    } catch {
      const at = chunk ? firstInvalidUtf8(chunk) : -1;
      throw new FileProblem('the file is not valid UTF-8 as the profile declares (Windows-1252 umlauts?)', chunk && at >= 0 ? this.lineAt(chunk, at) : this.linesBefore + 1);
    }
  }

  private decodeCp1252(chunk: Buffer): string {
    const at = utf8PairOffset(chunk, this.carry);
    if (at !== -1) throw new FileProblem('the file looks like UTF-8 (umlauts in two bytes), but the profile declares Windows-1252', this.lineAt(chunk, Math.max(at, 0)));
    this.carry = chunk[chunk.length - 1];
    return this.cp1252.write(chunk);
  }

  private lineAt(chunk: Buffer, offset: number): number {
    return this.linesBefore + countLineFeeds(chunk, offset) + 1;
  }
}

function countLineFeeds(chunk: Buffer, end: number): number {
  let count = 0;
  for (let at = chunk.indexOf(LF); at !== -1 && at < end; at = chunk.indexOf(LF, at + 1)) count++;
  return count;
}

/**
 * Offset of a UTF-8 lead byte C2/C3 followed by a continuation byte (ä = C3 A4), -2 when the
 * pair straddles the previous chunk, -1 when there is none. In Windows-1252 such a pair
 * reads "Ã¤", which no German export contains.
 */
function utf8PairOffset(chunk: Buffer, carry: number | undefined): number {
  if ((carry === 0xc2 || carry === 0xc3) && isContinuation(chunk[0])) return -2;
  for (const lead of [0xc2, 0xc3]) {
    for (let at = chunk.indexOf(lead); at !== -1 && at < chunk.length - 1; at = chunk.indexOf(lead, at + 1)) {
      if (isContinuation(chunk[at + 1])) return at;
    }
  }
  return -1;
}

function isContinuation(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x80 && byte <= 0xbf;
}

/** Where a UTF-8 decoder gives up (only called once decoding failed, so speed does not matter). */
function firstInvalidUtf8(chunk: Buffer): number {
  let at = 0;
  while (at < chunk.length) {
    const byte = chunk[at]!;
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
    if (length === 0) return at;
    if (at + length > chunk.length) return -1; // cut at the chunk's end: not the culprit
    for (let k = 1; k < length; k++) if (!isContinuation(chunk[at + k])) return at;
    at += length;
  }
  return -1;
}
