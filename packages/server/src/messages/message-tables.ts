import type { Message, MessageChannel } from '@synthorg/shared';

import { fromJson, toJson } from '../db/rows.ts';

/** `to` is a reserved word in SQL; the column is `recipient`. */
export interface MessageTable {
  id: string;
  timestamp: string;
  sender: string;
  recipient: string;
  type: string;
  priority: string;
  channel: string;
  content: string;
  attachments: string;
  metadata: string;
}

export interface MessageChannelTable {
  name: string;
  type: string;
  subscribers: string;
  created_at: string;
}

export function messageToRow(message: Message): MessageTable {
  const { to, attachments, metadata, ...rest } = message;
  return { ...rest, recipient: to, attachments: toJson(attachments), metadata: toJson(metadata) };
}

export function rowToMessage(row: MessageTable): Message {
  const { recipient, attachments, metadata, ...rest } = row;
  return {
    ...rest,
    to: recipient,
    type: row.type as Message['type'],
    priority: row.priority as Message['priority'],
    attachments: fromJson(attachments),
    metadata: fromJson(metadata),
  };
}

export function rowToChannel(row: MessageChannelTable): MessageChannel {
  return {
    name: row.name,
    type: row.type as MessageChannel['type'],
    subscribers: fromJson(row.subscribers),
  };
}
