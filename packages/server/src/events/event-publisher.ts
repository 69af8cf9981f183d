import type { EventPayload, EventType } from '@synthorg/shared';

/**
 * How services announce a change. Called after the change is committed; it never waits on
 * WebSocket clients and never throws into the caller (a failed publish is logged).
 *
 * @example
 * events.publish('task.created', task);
 */
export interface EventPublisher {
  publish<T extends EventType>(type: T, payload: EventPayload<T>): void;
}
