import { databaseConfigFromEnv } from './connect.js';

describe('the database settings from the environment', () => {
  it('reads the URL, the data directory and the pool size', () => {
    expect(databaseConfigFromEnv({ DATABASE_URL: 'postgres://db/controlling', DATA_DIR: '/srv/data', DATABASE_POOL_SIZE: '4' })).toEqual({
      databaseUrl: 'postgres://db/controlling',
      dataDir: '/srv/data/pglite',
      poolSize: 4,
    });
    expect(databaseConfigFromEnv({})).toEqual({ databaseUrl: undefined, dataDir: undefined, poolSize: undefined });
  });

  it.each(['ten', '0', '2.5'])('stops on a pool size of "%s", naming the setting', (size) => {
    expect(() => databaseConfigFromEnv({ DATABASE_POOL_SIZE: size })).toThrow(`DATABASE_POOL_SIZE must be a whole number of at least 1, not "${size}"`);
  });
});
