/** Polls until the check holds; fails with the last value seen (before Jest's 60 s test timeout would hide it). */
export async function until<T>(what: string, check: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 45_000, context?: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await check();
  while (!ok(last)) {
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(last)} after ${timeoutMs} ms${context ? `\n${context()}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
    last = await check();
  }
  return last;
}
