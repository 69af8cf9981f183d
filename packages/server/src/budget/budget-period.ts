import type { AlertLevel, BudgetConfig } from '@synthorg/shared';

/**
 * The billing period containing `now`: from `reset_day` 00:00 UTC of this or the previous
 * month to the same day of the next one.
 */
export function billingPeriod(now: Date, resetDay: number): { start: Date; end: Date } {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  const startMonth = now.getUTCDate() >= resetDay ? month : month - 1;
  return {
    start: new Date(Date.UTC(year, startMonth, resetDay)),
    end: new Date(Date.UTC(year, startMonth + 1, resetDay)),
  };
}

export function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** Percent of the monthly budget used; a zero budget means no company limit, so 0 %. */
export function usedPercent(spent: number, config: BudgetConfig): number {
  if (config.total_monthly <= 0) return 0;
  return Math.round((spent / config.total_monthly) * 10_000) / 100;
}

export function alertLevelOf(percent: number, config: BudgetConfig): AlertLevel {
  const { warn_at, critical_at, hard_stop_at } = config.alerts;
  if (percent >= hard_stop_at) return 'hard_stop';
  if (percent >= critical_at) return 'critical';
  if (percent >= warn_at) return 'warning';
  return 'normal';
}

const LEVEL_RANK: Record<AlertLevel, number> = { normal: 0, warning: 1, critical: 2, hard_stop: 3 };

export function isHigher(level: AlertLevel, than: AlertLevel): boolean {
  return LEVEL_RANK[level] > LEVEL_RANK[than];
}

/** What is left under a limit; null when the limit is 0, which means "no limit". */
export function leftUnder(limit: number, spent: number): number | null {
  if (limit <= 0) return null;
  return Math.max(0, Math.round((limit - spent) * 1e6) / 1e6);
}
