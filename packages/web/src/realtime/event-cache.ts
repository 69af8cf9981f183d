import type { Channel, EventType, WsEvent } from '@synthorg/shared';
import type { QueryClient, QueryKey } from '@tanstack/react-query';

import type { Page } from '../api/api-client.ts';

/** The query-key roots whose data each channel's events can change. */
export const CHANNEL_QUERY_ROOTS: Record<Channel, string[]> = {
  tasks: ['tasks', 'analytics', 'agents', 'agent-runs'],
  agents: ['agents', 'company', 'departments', 'analytics', 'agent-runs'],
  budget: ['budget', 'analytics', 'agent-spending'],
  messages: ['messages'],
  system: ['settings'],
  approvals: ['approvals', 'analytics'],
  meetings: ['meetings'],
};

interface EntityTarget {
  root: string;
  key: string;
  required: string[];
}

const TASK: EntityTarget = { root: 'tasks', key: 'id', required: ['id', 'title', 'status'] };
const APPROVAL: EntityTarget = {
  root: 'approvals',
  key: 'id',
  required: ['id', 'title', 'status'],
};
const MEETING: EntityTarget = {
  root: 'meetings',
  key: 'meeting_id',
  required: ['meeting_id', 'status'],
};
const MESSAGE: EntityTarget = {
  root: 'messages',
  key: 'id',
  required: ['id', 'channel', 'content'],
};

/** Events that carry a whole entity, which can be merged into cached lists at once. */
const ENTITY_EVENTS: Partial<Record<EventType, EntityTarget>> = {
  'task.created': TASK,
  'task.updated': TASK,
  'task.status_changed': TASK,
  'task.assigned': TASK,
  'approval.submitted': APPROVAL,
  'approval.approved': APPROVAL,
  'approval.rejected': APPROVAL,
  'approval.expired': APPROVAL,
  'meeting.scheduled': MEETING,
  'meeting.started': MEETING,
  'meeting.completed': MEETING,
  'meeting.failed': MEETING,
  'message.sent': MESSAGE,
};

/** Removes a deleted entity from every cached list of `root`. */
function removeFromLists(client: QueryClient, root: string, key: string, id: unknown): void {
  const lists = client.getQueriesData<Page<Record<string, unknown>>>({ queryKey: [root, 'list'] });
  for (const [queryKey, page] of lists) {
    if (!page) continue;
    const items = page.items.filter((item) => item[key] !== id);
    if (items.length !== page.items.length) {
      client.setQueryData(queryKey, { items, total: page.total - 1 });
    }
  }
}

function rootOf(key: QueryKey): unknown {
  return key[0];
}

function hasFields(payload: Record<string, unknown>, fields: string[]): boolean {
  return fields.every((field) => payload[field] !== undefined && payload[field] !== null);
}

/** A list cached under `[root, 'list', filters]` holds only entities matching its filters. */
function matchesFilters(queryKey: QueryKey, entity: Record<string, unknown>): boolean {
  const filters = queryKey[2];
  if (typeof filters !== 'object' || filters === null) return true;
  return Object.entries(filters).every(
    ([field, wanted]) => wanted === undefined || wanted === '' || entity[field] === wanted,
  );
}

/** Replaces, adds or drops an entity in every cached list of `root`, by its filters. */
function upsertIntoLists(
  client: QueryClient,
  root: string,
  key: string,
  entity: Record<string, unknown>,
): void {
  const lists = client.getQueriesData<Page<Record<string, unknown>>>({ queryKey: [root, 'list'] });
  for (const [queryKey, page] of lists) {
    if (!page) continue;
    const others = page.items.filter((item) => item[key] !== entity[key]);
    const had = others.length !== page.items.length;
    const keep = matchesFilters(queryKey, entity);
    const items = keep
      ? had
        ? page.items.map((item) => (item[key] === entity[key] ? { ...item, ...entity } : item))
        : [entity, ...page.items]
      : others;
    const total = page.total + (keep && !had ? 1 : 0) - (!keep && had ? 1 : 0);
    client.setQueryData(queryKey, { items, total });
  }
  client.setQueryData([root, 'detail', entity[key]], (previous: object | undefined) => ({
    ...previous,
    ...entity,
  }));
}

/**
 * Applies one event to the TanStack Query cache. An event carrying the whole entity is merged
 * into the cached lists at once; everything it may affect is then marked stale, and refetched
 * when it is on screen, so derived numbers (counts, spend) follow without polling.
 */
export function applyEventToCache(client: QueryClient, event: WsEvent): void {
  const target = ENTITY_EVENTS[event.event_type];
  if (target && hasFields(event.payload, target.required)) {
    upsertIntoLists(client, target.root, target.key, event.payload);
  }
  if (event.event_type === 'task.deleted') removeFromLists(client, 'tasks', 'id', event.payload.id);
  // A settings change can move the password rule the forms show (api.min_password_length).
  if (event.event_type === 'settings.updated') {
    void client.invalidateQueries({ queryKey: ['auth', 'setup-status'] });
  }
  const roots = CHANNEL_QUERY_ROOTS[event.channel];
  if (roots.length > 0) {
    void client.invalidateQueries({
      predicate: (query) => roots.includes(rootOf(query.queryKey) as string),
    });
  }
}

/** After `resync_required`: the gap is lost, so everything the channels feed is refetched. */
export function refetchChannels(client: QueryClient, channels: Channel[]): void {
  const roots = new Set(channels.flatMap((channel) => CHANNEL_QUERY_ROOTS[channel]));
  void client.invalidateQueries({
    predicate: (query) => roots.has(rootOf(query.queryKey) as string),
  });
}
