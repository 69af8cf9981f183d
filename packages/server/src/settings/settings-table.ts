/** Key/value settings, grouped by namespace (`system`, `api`, `budget`, …). */
export interface SettingsTable {
  namespace: string;
  key: string;
  value: string;
  updated_at: string;
}
