import { z } from 'zod';

import type { Approval } from './approvals.ts';
import type { Artifact } from './artifacts.ts';
import type { BudgetAlert, CostRecord } from './budget.ts';
import type { MeetingRecord } from './meetings.ts';
import type { Message } from './messages.ts';
import type { Agent } from './org/views.ts';
import type { Project } from './projects.ts';
import type { SettingUpdated } from './settings.ts';
import type { Task, TaskChange, TaskDeleted } from './tasks.ts';

/** The WebSocket channels, in the original's order. Arbitrary channels are not allowed. */
export const CHANNELS = [
  'tasks',
  'agents',
  'budget',
  'messages',
  'system',
  'approvals',
  'meetings',
] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * Every event type and the channel it is published on. Declared once here; the server's
 * publisher and the dashboard's handlers are typed from it. Payload schemas live in
 * `EVENT_PAYLOADS` (domains refine them as their entities are declared).
 */
export const EVENT_CHANNELS = {
  'task.created': 'tasks',
  'task.updated': 'tasks',
  'task.status_changed': 'tasks',
  'task.assigned': 'tasks',
  'task.deleted': 'tasks',
  'agent.hired': 'agents',
  'agent.fired': 'agents',
  'agent.status_changed': 'agents',
  'agent.updated': 'agents',
  'agent.activity': 'agents',
  'budget.record_added': 'budget',
  'budget.alert': 'budget',
  'message.sent': 'messages',
  'system.startup': 'system',
  'system.shutdown': 'system',
  'system.error': 'system',
  'system.test': 'system',
  'settings.updated': 'system',
  'approval.submitted': 'approvals',
  'approval.approved': 'approvals',
  'approval.rejected': 'approvals',
  'approval.expired': 'approvals',
  'meeting.scheduled': 'meetings',
  'meeting.started': 'meetings',
  'meeting.completed': 'meetings',
  'meeting.failed': 'meetings',
  'project.created': 'tasks',
  'project.updated': 'tasks',
  'artifact.created': 'tasks',
  'artifact.deleted': 'tasks',
} as const satisfies Record<string, Channel>;

export type EventType = keyof typeof EVENT_CHANNELS;
export const EVENT_TYPES = Object.keys(EVENT_CHANNELS) as EventType[];

/**
 * Payload type per event type. Open by default; a domain narrows its entries here to its
 * entity types when it declares them (for example `'task.created': Task`), so publishers and
 * dashboard handlers are checked against one declaration.
 */
export interface EventPayloads extends Record<EventType, Record<string, unknown>> {
  'task.created': Task;
  'agent.hired': Agent;
  'agent.fired': Agent;
  'agent.updated': Agent;
  'task.updated': Task;
  'task.status_changed': TaskChange;
  'task.assigned': TaskChange;
  'task.deleted': TaskDeleted;
  'approval.submitted': Approval;
  'approval.approved': Approval;
  'approval.rejected': Approval;
  'approval.expired': Approval;
  'budget.record_added': CostRecord;
  'budget.alert': BudgetAlert;
  'message.sent': Message;
  'meeting.scheduled': MeetingRecord;
  'meeting.started': MeetingRecord;
  'meeting.completed': MeetingRecord;
  'meeting.failed': MeetingRecord;
  'project.created': Project;
  'project.updated': Project;
  'artifact.created': Artifact;
  'artifact.deleted': { id: string; task_id: string };
  'settings.updated': SettingUpdated;
}

export type EventPayload<T extends EventType> = EventPayloads[T];

/** What a client receives for each event. `id` is the per-channel offset. */
export const wsEventSchema = z.object({
  id: z.number().int().min(1),
  epoch: z.string(),
  event_type: z.enum(EVENT_TYPES as [EventType, ...EventType[]]),
  channel: z.enum(CHANNELS),
  timestamp: z.string(),
  payload: z.record(z.string(), z.unknown()),
});
export type WsEvent = z.infer<typeof wsEventSchema>;

/** A position in one channel's history: resume after `offset` within `epoch`. */
export const streamPositionSchema = z.object({
  offset: z.number().int().min(0),
  epoch: z.string(),
});
export type StreamPosition = z.infer<typeof streamPositionSchema>;
