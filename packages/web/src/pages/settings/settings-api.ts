import type { SettingEntry } from '@synthorg/shared';

import { apiRequest } from '../../api/api-client.ts';

const path = (entry: Pick<SettingEntry, 'definition'>) =>
  `/settings/${encodeURIComponent(entry.definition.namespace)}/${encodeURIComponent(entry.definition.key)}`;

export const settingsQueries = {
  /** Every setting with its effective value and source; refetched on `settings.updated`. */
  all: () => ({
    queryKey: ['settings', 'list'],
    queryFn: () => apiRequest<SettingEntry[]>('GET', '/settings'),
  }),
};

export const settingsApi = {
  save: (entry: SettingEntry, value: string) =>
    apiRequest<SettingEntry>('PUT', path(entry), { body: { value } }),
  /** Drops the stored (`db`) value; the setting falls back to env, YAML or its default. */
  reset: (entry: SettingEntry) => apiRequest<unknown>('DELETE', path(entry)),
};
