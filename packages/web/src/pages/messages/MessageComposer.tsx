import type { Message, MessageChannel } from '@synthorg/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { apiRequest } from '../../api/api-client.ts';
import { errorText } from '../../api/error-messages.ts';
import { FormError } from '../../auth/AuthCard.tsx';
import { agentQueries } from '../agents/agent-api.ts';
import { channelLabel } from './channel-label.ts';

/** The server's limit on a message's text (`sendMessageRequestSchema`). */
const MAX_CONTENT = 16_384;

/**
 * Sends a message as the signed-in user. The new message is not added here: it arrives like
 * every other one, through the `message.sent` event, in this browser and in every other.
 */
export function MessageComposer(props: { channels: MessageChannel[]; active: string }) {
  const queryClient = useQueryClient();
  const agents = useQuery(agentQueries.list());
  const [channel, setChannel] = useState(props.active);
  const [to, setTo] = useState('');
  const [content, setContent] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  // Follow the channel picked in the list until the user chooses another one here.
  const [followed, setFollowed] = useState(props.active);
  if (followed !== props.active) {
    setFollowed(props.active);
    setChannel(props.active);
  }

  const send = useMutation({
    mutationFn: () =>
      apiRequest<Message>('POST', '/messages', {
        body: { channel, content: content.trim(), ...(to ? { to } : {}) },
      }),
    onSuccess: () => {
      setContent('');
      setProblem(null);
      // Without a live connection the event never comes; a refetch shows the message anyway.
      void queryClient.invalidateQueries({ queryKey: ['messages'] });
    },
    onError: (error) => setProblem(errorText(error)),
  });

  return (
    <form
      className="card space-y-3"
      data-testid="message-composer"
      aria-label="Send a message"
      onSubmit={(event) => {
        event.preventDefault();
        if (!content.trim()) {
          setProblem('Write something to send.');
          return;
        }
        setProblem(null);
        send.mutate();
      }}
    >
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <div>
          <label className="field-label" htmlFor="message-channel">
            Channel
          </label>
          <select
            id="message-channel"
            className="field"
            value={channel}
            onChange={(event) => setChannel(event.target.value)}
          >
            {props.channels.map((item) => (
              <option key={item.name} value={item.name}>
                {channelLabel(item.name)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label className="field-label" htmlFor="message-to">
            To
          </label>
          <select
            id="message-to"
            className="field"
            value={to}
            onChange={(event) => setTo(event.target.value)}
          >
            <option value="">Everyone in the channel</option>
            {agents.data?.items.map((agent) => (
              <option key={agent.name} value={agent.name}>
                {agent.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div>
        <label className="field-label" htmlFor="message-content">
          Message
        </label>
        <textarea
          id="message-content"
          className="field"
          rows={3}
          maxLength={MAX_CONTENT}
          value={content}
          onChange={(event) => setContent(event.target.value)}
          onKeyDown={(event) => {
            // Ctrl/Cmd+Enter sends, plain Enter keeps writing.
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.currentTarget.form?.requestSubmit();
            }
          }}
        />
      </div>
      <FormError id="message-send-error" message={problem} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="text-xs text-slate-500">Sent as you; Ctrl+Enter sends.</span>
        <button type="submit" className="btn-primary" disabled={send.isPending}>
          {send.isPending ? 'Sending…' : 'Send'}
        </button>
      </div>
    </form>
  );
}
