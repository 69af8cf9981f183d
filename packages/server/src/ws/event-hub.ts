import { EVENT_CHANNELS } from '@synthorg/shared';

import type { EventPublisher } from '../events/event-publisher.ts';
import type { Logger } from '../logging/logger.ts';

export interface EventHub extends EventPublisher {
  healthy(): Promise<boolean>;
}

/**
 * TODO(ws-hub): the in-process hub with history and fan-out replaces this in the WebSocket
 * step; until then events are only logged, so publishers can already call it.
 */
export function createEventHub(log: Logger): EventHub {
  return {
    publish(type, _payload) {
      log.debug(
        { event: 'api.ws.event_published', event_type: type, channel: EVENT_CHANNELS[type] },
        'event',
      );
    },
    healthy: async () => true,
  };
}
