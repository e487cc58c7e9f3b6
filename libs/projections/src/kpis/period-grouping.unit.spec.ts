import { granularityOf } from './period-grouping.js';

describe('the granularity a period has of itself', () => {
  it.each([
    ['2024-01-01', '2024-12-31', 'year'],
    ['2024-04-01', '2024-06-30', 'quarter'],
    ['2024-02-01', '2024-02-29', 'month'],
    ['2024-12-01', '2024-12-31', 'month'],
    ['2024-01-01', '2024-06-30', 'total'],
    ['2024-02-01', '2024-04-30', 'total'],
    ['2024-01-01', '2025-12-31', 'total'],
    ['2024-03-05', '2024-03-31', 'total'],
    ['2024-03-15', '2024-03-15', 'total'],
  ])('%s to %s: %s', (from, to, granularity) => {
    expect(granularityOf({ from, to })).toBe(granularity);
  });
});
