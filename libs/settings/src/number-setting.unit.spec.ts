import { numberSetting } from './number-setting.js';

describe('a number setting from the environment', () => {
  it('takes the value when set and the fallback when unset or blank', () => {
    expect(numberSetting({ X_MS: '250' }, 'X_MS', 1_000)).toBe(250);
    expect(numberSetting({}, 'X_MS', 1_000)).toBe(1_000);
    expect(numberSetting({ X_MS: ' ' }, 'X_MS', undefined)).toBeUndefined();
  });

  it('refuses a typo, a fraction where a whole number belongs and a value below the minimum, naming the setting', () => {
    expect(() => numberSetting({ X_MS: '5s' }, 'X_MS', 1_000)).toThrow('X_MS must be a whole number of at least 0, not "5s"');
    expect(() => numberSetting({ X_MS: '2.5' }, 'X_MS', 1_000)).toThrow('X_MS must be a whole number');
    expect(() => numberSetting({ ATTEMPTS: '0' }, 'ATTEMPTS', 12, { min: 1 })).toThrow('ATTEMPTS must be a whole number of at least 1, not "0"');
    expect(numberSetting({ SHARE: '0.05' }, 'SHARE', 0.1, { whole: false, max: 1 })).toBe(0.05);
    expect(() => numberSetting({ SHARE: '10' }, 'SHARE', 0.1, { whole: false, max: 1 })).toThrow('SHARE must be a number from 0 to 1, not "10"');
  });
});
