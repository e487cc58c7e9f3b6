/** Settings read from the environment: the one piece of configuration every layer may use, itself depending on nothing. */
export * from './number-setting.js';
