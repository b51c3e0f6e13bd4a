// A health score's band from its tier's thresholds: green at or above `green`, yellow at or
// above `yellow`, else red. Used by the health model, the Health tab and the documents.
import type { HealthBand } from '../domain/health/model';

export interface BandThresholds {
  yellow: number;
  green: number;
}

export function healthBand(score: number, thresholds: BandThresholds): HealthBand {
  if (score >= thresholds.green) return 'green';
  if (score >= thresholds.yellow) return 'yellow';
  return 'red';
}
