import { newSurrogates } from './record-links.js';

describe('new surrogates', () => {
  const second = new Date('2026-12-05T14:30:07.250Z');

  it('are 22 URL-safe characters, all different, led by the second they were made in', () => {
    const made = newSurrogates(10_000, second);
    const secondInHex = Math.floor(second.getTime() / 1000).toString(16);
    expect(secondInHex).toHaveLength(8);
    for (const surrogate of made) expect(surrogate).toMatch(new RegExp(`^${secondInHex}[A-Za-z0-9_-]{14}$`));
    expect(new Set(made).size).toBe(made.length);
  });

  it('carry random bits after the second: nothing about the record, nor the order within a batch', () => {
    const tails = newSurrogates(2_000, second).map((surrogate) => surrogate.slice(8));
    const firstCharacters = new Set(tails.map((tail) => tail[0]));
    // 64 possible leading characters: 2,000 random draws leave hardly any unseen.
    expect(firstCharacters.size).toBeGreaterThan(55);
    expect(tails).not.toEqual([...tails].sort());
  });

  it('sort later the later they were made, so that new records gather at the end of each index', () => {
    const earlier = newSurrogates(500, second);
    const later = newSurrogates(500, new Date(second.getTime() + 1000));
    const latestEarlier = [...earlier].sort().at(-1)!;
    const earliestLater = [...later].sort()[0]!;
    expect(latestEarlier < earliestLater).toBe(true);
  });
});
