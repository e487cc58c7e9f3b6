import { nextRuns, scheduleProblem } from './import-schedule.js';

const berlin = (d: Date) => d.toLocaleString('de-DE', { timeZone: 'Europe/Berlin' });

describe('schedule times across the change to and from summer time (Europe/Berlin)', () => {
  it('fires a nightly 05:30 at 05:30 local time on every day around both changes', () => {
    for (const from of ['2026-03-27T00:00:00Z', '2026-10-23T00:00:00Z']) {
      const runs = nextRuns({ cron: '30 5 * * *', timeZone: 'Europe/Berlin' }, new Date(from), 5);
      expect(runs.map(berlin).map((s) => s.split(', ')[1])).toEqual(Array(5).fill('05:30:00'));
      expect(new Set(runs.map((r) => berlin(r).split(',')[0])).size).toBe(5);
    }
  });

  it('fires a 02:30 once on the night the clock skips it, and once on the night it repeats', () => {
    const spring = nextRuns({ cron: '30 2 * * *', timeZone: 'Europe/Berlin' }, new Date('2026-03-28T12:00:00Z'), 2);
    expect(spring.map(berlin)).toEqual(['29.3.2026, 03:30:00', '30.3.2026, 02:30:00']);
    const autumn = nextRuns({ cron: '30 2 * * *', timeZone: 'Europe/Berlin' }, new Date('2026-10-24T12:00:00Z'), 2);
    expect(autumn.map((d) => d.toISOString())).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
  });

  it('names what is wrong with a schedule', () => {
    expect(scheduleProblem({ source: 'webfm_faelle', cron: '30 5 * * *', timeZone: 'Europe/Berlin' })).toBeUndefined();
    expect(scheduleProblem({ source: 'webfm_faelle', cron: '30 25 * * *', timeZone: 'Europe/Berlin' })).toMatch(/^cron expression "30 25 \* \* \*" cannot be read/);
    expect(scheduleProblem({ source: 'webfm_faelle', cron: '30 5 * * *', timeZone: 'Mars/Olympus' })).toBe('unknown time zone "Mars/Olympus"');
    expect(scheduleProblem({ source: 'sap' as never, cron: '30 5 * * *', timeZone: 'Europe/Berlin' })).toMatch(/^unknown source "sap"/);
  });
});
