/** Log events of the Redis connections used in scale-out mode. */
export const REDIS_EVENTS = {
  connected: 'api.bus.redis.connected',
  reconnecting: 'api.bus.redis.reconnecting',
  error: 'api.bus.redis.error',
  closed: 'api.bus.redis.closed',
  gapFilled: 'api.bus.redis.gap_filled',
  messageInvalid: 'api.bus.redis.message_invalid',
} as const;
