export interface NumberRule {
  /** The smallest value that makes sense (default 0). */
  readonly min?: number;
  readonly max?: number;
  /** Counts and milliseconds are whole numbers (default); shares are not. */
  readonly whole?: boolean;
}

/**
 * A number read from the environment. A typo stops the start with a message that names the
 * setting, instead of running on with NaN (which timers take as 1 ms and limits as "never").
 */
export function numberSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, rule?: NumberRule): number;
export function numberSetting(env: NodeJS.ProcessEnv, name: string, fallback: undefined, rule?: NumberRule): number | undefined;
export function numberSetting(env: NodeJS.ProcessEnv, name: string, fallback: number | undefined, { min = 0, max = Infinity, whole = true }: NumberRule = {}): number | undefined {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || (whole && !Number.isInteger(value)) || value < min || value > max) {
    const range = max === Infinity ? `of at least ${min}` : `from ${min} to ${max}`;
    throw new Error(`${name} must be a ${whole ? 'whole number' : 'number'} ${range}, not "${text}"`);
  }
  return value;
}
