import { formatNumber, formatTimestamp } from '../../../format/german';
import type { ImportRecord } from './import-types';

export const SEVERITY_TEXT: Readonly<Record<string, string>> = { error: 'Fehler', warning: 'Warnung', info: 'Hinweis' };

/** A symbol and a tone beside the status word: the word carries the meaning, colour only helps. */
export const STATUS_MARK: Readonly<Record<string, { readonly symbol: string; readonly tone: 'ok' | 'warn' | 'bad' | 'wait' }>> = {
  applied: { symbol: '✓', tone: 'ok' },
  rejected: { symbol: '✕', tone: 'bad' },
  held: { symbol: '‖', tone: 'wait' },
  duplicate: { symbol: '=', tone: 'ok' },
  stale: { symbol: '!', tone: 'warn' },
};

/** `0,4 s`, `12,0 s`, `3 min 05 s`: imports take from a blink to minutes. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '–';
  if (ms < 60_000) return `${formatNumber(ms / 1000, 1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** Who decided on a held import, and when: `bestätigt von admin:ci am 04.01.2026, 08:15`. */
export function decisionText(decision: ImportRecord['decision']): string {
  if (!decision) return '–';
  const word = decision.decision === 'confirmed' ? 'bestätigt' : 'abgelehnt';
  return `${word} von ${decision.decidedBy} am ${formatTimestamp(decision.decidedAt)}`;
}
