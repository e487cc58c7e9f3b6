import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { defaultRows, exportFileBytes } from '@jugendamt/ingest-pipeline/testing';
import { bodyOf, startApiOnEmptyDatabase, type ApiUnderTest } from '../testing/api-under-test.js';

const LIMIT = 4_096;

/** A request as curl sends it: the path byte for byte, no URL normalisation (a `\` stays a `\`). */
function rawPut(url: string, path: string, token: string, body: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const put = request({ hostname, port, path, method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'content-length': body.length } }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body: text }));
    });
    put.on('error', reject);
    put.end(body);
  });
}

describe('uploads and the inbox, at their edges', () => {
  let api: ApiUnderTest;
  let admin: string;
  beforeAll(async () => {
    api = await startApiOnEmptyDatabase({ UPLOAD_MAX_BYTES: String(LIMIT) });
    admin = api.tokens.admin;
  });
  afterAll(() => api?.close());

  const small = () => exportFileBytes('webfm_faelle', defaultRows('webfm_faelle', 3));
  const upload = (encodedName: string, body: RequestInit['body'], headers: Record<string, string> = {}) =>
    fetch(`${api.url}/api/v1/admin/inbox/${encodedName}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv', ...headers },
      body,
      duplex: 'half',
    } as RequestInit);
  /** Whatever the inbox holds at its top level, half-written files included. */
  const inInbox = () => readdirSync(api.inboxDir).filter((name) => !['done', 'held', 'rejected'].includes(name));

  it.each([
    ['a backslash', '..\\webfm_faelle_20240101_0215.csv'],
    ['a backslash inside', 'x\\webfm_faelle_20240101_0215.csv'],
    ['a slash', '../webfm_faelle_20240101_0215.csv'],
    ['two dots', 'webfm_faelle_20240101_0215..csv'],
    ['a control character', 'webfm_faelle_20240101_0215.csv\u0007'],
    ['a NUL byte', 'webfm_faelle_20240101_0215.csv\u0000'],
    ['a line break', 'webfm_faelle_20240101_0215.csv\n'],
  ])('refuses a file name with %s, naming the field, and keeps nothing', async (_what, name) => {
    const before = inInbox();
    const response = await upload(encodeURIComponent(name), small());
    expect(response.status).toBe(400);
    expect((await bodyOf(response)).errors).toEqual([{ field: 'fileName', message: expect.any(String) }]);
    expect(inInbox()).toEqual(before);
  });

  it('refuses a backslash sent unencoded, as curl sends it', async () => {
    const before = inInbox();
    const response = await rawPut(api.url, '/api/v1/admin/inbox/..\\webfm_faelle_20240101_0215.csv', admin, small());
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).errors).toEqual([{ field: 'fileName', message: expect.any(String) }]);
    expect(inInbox()).toEqual(before);
  });

  it('answers an upload above UPLOAD_MAX_BYTES with 413 and keeps nothing of it, with or without a declared length', async () => {
    const before = inInbox();
    const tooBig = Buffer.alloc(LIMIT + 1, 'x');
    const declared = await upload('webfm_faelle_20240101_0215.csv', tooBig);
    expect(declared.status).toBe(413);
    expect(await bodyOf(declared)).toEqual({ statusCode: 413, error: 'Payload Too Large', message: `the upload is larger than ${LIMIT} bytes (UPLOAD_MAX_BYTES)` });

    // Sent in chunks with no length up front: counted while it streams.
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(new Uint8Array(LIMIT / 2));
        controller.close();
      },
    });
    const streamed = await upload('webfm_faelle_20240102_0215.csv', chunks);
    expect(streamed.status).toBe(413);
    expect((await bodyOf(streamed)).message).toBe(`the upload is larger than ${LIMIT} bytes (UPLOAD_MAX_BYTES)`);
    expect(inInbox()).toEqual(before);

    const fits = await upload('webfm_faelle_20240103_0215.csv', small());
    expect(fits.status).toBe(202);
  });

  it('answers an oversized JSON body with 413 and a JSON message, with or without a declared length', async () => {
    const oversized = JSON.stringify({ file: 'x'.repeat(2 * 1024 * 1024) });
    const inChunks = new ReadableStream<Uint8Array>({
      start(controller) {
        const bytes = Buffer.from(oversized);
        for (let at = 0; at < bytes.length; at += 256 * 1024) controller.enqueue(bytes.subarray(at, at + 256 * 1024));
        controller.close();
      },
    });
    for (const body of [oversized, inChunks]) {
      const response = await fetch(`${api.url}/api/v1/admin/imports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit);
      expect(response.status).toBe(413);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await bodyOf(response)).toEqual({ statusCode: 413, error: 'Payload Too Large', message: 'the JSON body is larger than 1048576 bytes' });
    }
    // The connection and the parser still serve the next JSON body.
    expect((await api.send('POST', '/api/v1/admin/imports', admin, { file: 'webfm_faelle_20200101_0215.csv' })).status).toBe(404);
  });

  it('refuses a file to import whose name is a path, naming the field', async () => {
    const response = await api.send('POST', '/api/v1/admin/imports', admin, { file: '..\\webfm_faelle_20240101_0215.csv' });
    expect(response.status).toBe(400);
    expect((await bodyOf(response)).errors).toEqual([{ field: 'file', message: expect.stringContaining('path separator') }]);
  });

  it('names no server path in a 404', async () => {
    const paths = [api.inboxDir, tmpdir(), process.cwd()];
    const notWaiting = await api.send('POST', '/api/v1/admin/imports', admin, { file: 'webfm_faelle_20200101_0215.csv' });
    const missingAsset = await api.get('/docs/no-such-file.js');
    const missingRoute = await api.get('/api/v1/no-such-route', admin);
    for (const response of [notWaiting, missingAsset, missingRoute]) {
      expect(response.status).toBe(404);
      const text = await response.text();
      for (const path of paths) expect(text).not.toContain(path);
    }
  });
});
