import type { AnalyticsOverview } from '@synthorg/shared';

import { apiRequest } from '../../api/api-client.ts';

export const overviewQueries = {
  metrics: {
    queryKey: ['analytics', 'overview'],
    queryFn: () => apiRequest<AnalyticsOverview>('GET', '/analytics/overview'),
  },
};
