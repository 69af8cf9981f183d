import type { WsEvent } from '@synthorg/shared';
import { formatRelative } from '../../components/format.ts';
import { EmptyBlock } from '../../components/QueryState.tsx';
import { useActivityStore } from '../../realtime/activity-store.ts';

/** A short human line for an event, from the fields most payloads carry. */
export function describeEvent(event: WsEvent): string {
  const payload = event.payload;
  const name = [
    payload.title,
    payload.name,
    payload.agent_name,
    payload.agent_id,
    payload.id,
    payload.approval_id,
  ].find((value) => typeof value === 'string' && value.length > 0);
  const status =
    typeof payload.status === 'string' ? ` → ${payload.status.replace(/_/g, ' ')}` : '';
  return `${name ?? event.channel}${status}`;
}

export function ActivityFeed() {
  const events = useActivityStore((state) => state.events);
  if (events.length === 0) {
    return <EmptyBlock title="No activity yet" hint="Events appear here the moment they happen." />;
  }
  return (
    <ol
      role="log"
      aria-live="polite"
      data-testid="activity-feed"
      className="divide-y divide-slate-100"
    >
      {events.slice(0, 30).map((event) => (
        <li
          key={`${event.channel}-${event.epoch}-${event.id}`}
          className="flex items-baseline justify-between gap-3 py-2 text-sm"
        >
          <span className="min-w-0 truncate">
            <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-600">
              {event.event_type}
            </span>
            {describeEvent(event)}
          </span>
          <time className="shrink-0 text-xs text-slate-400" dateTime={event.timestamp}>
            {formatRelative(event.timestamp)}
          </time>
        </li>
      ))}
    </ol>
  );
}
