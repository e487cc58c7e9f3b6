import type { DatabaseHandle } from '@jugendamt/db';
import { KnowledgeStampReader } from './knowledge-stamp.js';

/** Reads that end when the test says, each answering the stamp as it stood when it started. */
class ControlledReads extends KnowledgeStampReader {
  readonly started: { stampThen: string; finish: () => void }[] = [];
  current = 'night 1';

  constructor() {
    super({} as DatabaseHandle);
  }

  protected override read(): Promise<string> {
    const stampThen = this.current;
    return new Promise((resolve) => this.started.push({ stampThen, finish: () => resolve(stampThen) }));
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the knowledge stamp read for many requests at once', () => {
  it('makes one read for the first caller and one shared read for all who arrive while it runs', async () => {
    const reader = new ControlledReads();
    const first = reader.stamp('office');
    const waiting = Array.from({ length: 49 }, () => reader.stamp('office'));
    expect(reader.started).toHaveLength(1);
    reader.started[0]!.finish();
    await settle();
    expect(reader.started).toHaveLength(2);
    reader.started[1]!.finish();
    expect(await first).toBe('night 1');
    expect(new Set(await Promise.all(waiting))).toEqual(new Set(['night 1']));
    expect(reader.started).toHaveLength(2);
  });

  it('never answers a caller from a read that began before it arrived', async () => {
    const reader = new ControlledReads();
    const before = reader.stamp('office');
    reader.current = 'night 2'; // an import commits while the first read runs
    const after = reader.stamp('office');
    reader.started[0]!.finish();
    await settle();
    reader.started[1]!.finish();
    expect(await before).toBe('night 1');
    expect(await after).toBe('night 2');
  });

  it('keeps offices apart', async () => {
    const reader = new ControlledReads();
    void reader.stamp('office a');
    void reader.stamp('office b');
    expect(reader.started).toHaveLength(2);
  });
});
