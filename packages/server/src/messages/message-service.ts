import {
  type Message,
  type MessageChannel,
  type SendMessageRequest,
  sendMessageRequestSchema,
} from '@synthorg/shared';
import type { Kysely } from 'kysely';

import { fromJson, newId, nowIso, toJson, toNumber } from '../db/rows.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { EventPublisher } from '../events/event-publisher.ts';
import { AppError } from '../http/app-error.ts';
import { parseInput } from '../http/parse-input.ts';
import type { Logger } from '../logging/logger.ts';
import { type AgentDirectory, canonicalAgentNames } from '../tasks/agent-directory.ts';
import { MESSAGE_LOG } from './message-log-events.ts';
import { messageToRow, rowToChannel, rowToMessage } from './message-tables.ts';

/**
 * Messages between agents and people, kept per channel. A channel is stored in one form, with
 * a single leading `#`. Sending to a channel that does not exist yet creates it as a topic;
 * the sender (always the caller: a body `sender` naming anyone else is refused) becomes a
 * subscriber. `to` names either the
 * message's own channel (the default) or an agent of the company; anything else is
 * `UNKNOWN_AGENT` and nothing is stored.
 *
 * @example
 * await messages.send({ channel: '#engineering', content: 'Build is green', type: 'status_report' },
 *   'agent-alice');
 */
export interface MessageService {
  send(input: SendMessageRequest, sender: string): Promise<Message>;
  /** Newest first; all channels when `channel` is absent. */
  list(
    channel: string | undefined,
    window: { offset: number; limit: number },
  ): Promise<{ items: Message[]; total: number }>;
  listChannels(): Promise<MessageChannel[]>;
}

/** A channel's one stored form: a single leading `#` (`engineering` is `#engineering`). */
export function canonicalChannel(name: string): string {
  return `#${name.trim().replace(/^#+/, '')}`;
}

const channelForms = (name: string) => {
  const canonical = canonicalChannel(name);
  return [canonical, canonical.slice(1)];
};

export function createMessageService(deps: {
  db: Kysely<DatabaseSchema>;
  events: EventPublisher;
  log: Logger;
  /** When present, a `to` other than the channel must be a known agent. */
  agents?: AgentDirectory | undefined;
}): MessageService {
  const { db, events, log } = deps;

  const joinChannel = async (name: string, member: string) => {
    await db
      .insertInto('message_channels')
      .values({ name, type: 'topic', subscribers: '[]', created_at: nowIso() })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const row = await db
      .selectFrom('message_channels')
      .select('subscribers')
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    const subscribers = fromJson<string[]>(row.subscribers);
    if (subscribers.includes(member)) return;
    await db
      .updateTable('message_channels')
      .set({ subscribers: toJson([...subscribers, member].sort()) })
      .where('name', '=', name)
      .where('subscribers', '=', row.subscribers)
      .execute();
  };

  return {
    async send(request, sender) {
      const input = parseInput(sendMessageRequestSchema, request);
      if (input.sender !== undefined && input.sender !== sender) {
        const problem = `sender must be the caller '${sender}' (or left out), not '${input.sender}'`;
        throw new AppError('DOMAIN_RULE_VIOLATION', problem, {
          details: [{ path: 'body.sender', message: problem }],
        });
      }
      const channel = canonicalChannel(input.channel);
      if (channel === '#') {
        throw new AppError('VALIDATION_ERROR', 'channel needs a name after the #', {
          details: [{ path: 'body.channel', message: 'channel needs a name after the #' }],
        });
      }
      const toChannel = input.to === undefined || canonicalChannel(input.to) === channel;
      const recipient = toChannel
        ? channel
        : (await canonicalAgentNames(deps.agents, [input.to as string], 'Recipient'))[0];
      const message: Message = {
        id: newId('msg'),
        timestamp: nowIso(),
        sender,
        to: recipient as string,
        type: input.type,
        priority: input.priority,
        channel,
        content: input.content,
        attachments: input.attachments,
        metadata: input.metadata,
      };
      await joinChannel(message.channel, message.sender);
      await db.insertInto('messages').values(messageToRow(message)).execute();
      log.info(
        { event: MESSAGE_LOG.sent, messageId: message.id, channel: message.channel },
        'message sent',
      );
      events.publish('message.sent', message);
      return message;
    },

    async list(channel, window) {
      let query = db.selectFrom('messages');
      // Rows stored before channels were canonical may lack the `#`; both forms are read.
      if (channel) query = query.where('channel', 'in', channelForms(channel));
      const counted = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
      const rows = await query
        .selectAll()
        .orderBy('timestamp', 'desc')
        .orderBy('id', 'desc')
        .limit(window.limit)
        .offset(window.offset)
        .execute();
      return { items: rows.map(rowToMessage), total: toNumber(counted?.n) };
    },

    async listChannels() {
      const rows = await db.selectFrom('message_channels').selectAll().orderBy('name').execute();
      return rows.map(rowToChannel);
    },
  };
}
