import type { Message, MessageChannel } from '@synthorg/shared';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';

import { apiList, apiRequest } from '../../api/api-client.ts';
import { useCanWrite } from '../../auth/use-can-write.ts';
import { formatRelative } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyBlock, QueryState } from '../../components/QueryState.tsx';
import { channelLabel } from './channel-label.ts';
import { MessageComposer } from './MessageComposer.tsx';

const channelsQuery = {
  queryKey: ['messages', 'channels'],
  queryFn: () => apiRequest<MessageChannel[]>('GET', '/messages/channels'),
};

function ChannelList(props: {
  channels: MessageChannel[];
  active: string;
  onPick(name: string): void;
}) {
  return (
    <ul
      className="card flex gap-1 overflow-x-auto p-2 md:block md:space-y-1 md:self-start"
      data-testid="channel-list"
    >
      {props.channels.map((channel) => (
        <li key={channel.name}>
          <button
            type="button"
            onClick={() => props.onPick(channel.name)}
            className={`w-full rounded px-3 py-1.5 text-left text-sm whitespace-nowrap ${channel.name === props.active ? 'bg-indigo-600 text-white' : 'hover:bg-slate-100'}`}
          >
            {channelLabel(channel.name)} <span className="text-xs opacity-70">{channel.type}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function Feed(props: { messages: Message[] }) {
  const ordered = [...props.messages].sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  const feed = useRef<HTMLOListElement>(null);
  const newest = ordered.at(-1)?.id;
  // Keep the newest message (at the bottom) in view as messages arrive.
  useEffect(() => {
    if (newest && feed.current) feed.current.scrollTop = feed.current.scrollHeight;
  }, [newest]);
  return (
    <ol
      ref={feed}
      role="log"
      aria-live="polite"
      className="card max-h-[70vh] space-y-3 overflow-y-auto"
      data-testid="message-feed"
    >
      {ordered.map((message) => (
        <li key={message.id} className="text-sm">
          <p>
            <span className="font-semibold text-indigo-700">{message.sender}</span>
            <span className="ml-2 text-xs text-slate-400">
              → {message.to} · {formatRelative(message.timestamp)}
            </span>
          </p>
          <p className="whitespace-pre-wrap text-slate-700">{message.content}</p>
        </li>
      ))}
    </ol>
  );
}

/** Channels and their feed; new messages arrive over the `messages` channel. */
export function MessagesPage() {
  const canWrite = useCanWrite();
  const [params, setParams] = useSearchParams();
  const channels = useQuery(channelsQuery);
  const active = params.get('channel') ?? channels.data?.[0]?.name ?? '';
  const messages = useQuery({
    queryKey: ['messages', 'list', { channel: active }],
    queryFn: () => apiList<Message>('/messages', { channel: active }),
    enabled: active !== '',
  });

  return (
    <>
      <PageHeader title="Messages" subtitle="What the agents say to each other" />
      <QueryState
        query={channels}
        isEmpty={(list) => list.length === 0}
        empty={<EmptyBlock title="No channels yet" />}
      >
        {(list) => (
          <div className="grid gap-4 md:grid-cols-[14rem_1fr]">
            <ChannelList
              channels={list}
              active={active}
              onPick={(name) => setParams({ channel: name })}
            />
            <div className="min-w-0 space-y-4">
              <QueryState
                query={messages}
                isEmpty={(page) => page.items.length === 0}
                empty={
                  <EmptyBlock
                    title={`Nothing in ${channelLabel(active)} yet`}
                    hint="Messages appear here as they are sent."
                  />
                }
              >
                {(page) => <Feed messages={page.items} />}
              </QueryState>
              {canWrite ? (
                <MessageComposer channels={list} active={active} />
              ) : (
                <p className="text-sm text-slate-500" data-testid="composer-read-only">
                  Your role can read messages but not send them.
                </p>
              )}
            </div>
          </div>
        )}
      </QueryState>
    </>
  );
}
