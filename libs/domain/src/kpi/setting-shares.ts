import { percent, ratio } from './rounding.js';
import type { Setting } from './setting.js';

export interface CountBySettingAndParagraph {
  readonly setting: string | null;
  readonly paragraph: string | null;
  readonly count: number;
}

export interface SettingShares {
  readonly ambulant: number;
  readonly teilstationär: number;
  readonly stationär: number;
  /** stationär ÷ (ambulant + teilstationär + stationär) × 100, one decimal; null without a base. */
  readonly shareStationary: number | null;
  /** ambulant ÷ stationär, two decimals. */
  readonly ambulantPerStationary: number | null;
  /** § 33 ÷ all stationär × 100, one decimal (Pflegequote). */
  readonly fosterShare: number | null;
}

/**
 * docs/kpis.md 2: the shares of settings, on the base of HzE without § 28 (Erziehungsberatung)
 * unless it is asked for.
 */
export function settingShares(counts: readonly CountBySettingAndParagraph[], includeEducationalCounselling = false): SettingShares {
  const base = counts.filter((c) => includeEducationalCounselling || c.paragraph !== '§ 28');
  const sum = (setting: Setting, paragraph?: string) => base.filter((c) => c.setting === setting && (paragraph === undefined || c.paragraph === paragraph)).reduce((n, c) => n + c.count, 0);
  const ambulant = sum('ambulant');
  const semi = sum('teilstationär');
  const stationary = sum('stationär');
  return {
    ambulant,
    teilstationär: semi,
    stationär: stationary,
    shareStationary: percent(stationary, ambulant + semi + stationary),
    ambulantPerStationary: ratio(ambulant, stationary),
    fosterShare: percent(sum('stationär', '§ 33'), stationary),
  };
}
