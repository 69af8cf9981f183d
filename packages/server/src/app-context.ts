import type { ApprovalService } from './approvals/approval-service.ts';
import type { ArtifactService } from './artifacts/artifact-service.ts';
import type { AuthService } from './auth/auth-service.ts';
import type { SessionRevocations } from './auth/session-revocations.ts';
import type { UserService } from './auth/user-service.ts';
import type { BudgetService } from './budget/budget-service.ts';
import type { DatabaseHandle } from './db/database.ts';
import type { Engine } from './engine/engine.ts';
import type { Logger } from './logging/logger.ts';
import type { MeetingService } from './meetings/meeting-service.ts';
import type { MessageService } from './messages/message-service.ts';
import type { OrgServices } from './org/org-services.ts';
import type { ProjectService } from './projects/project-service.ts';
import type { SharedState } from './redis/redis-realtime.ts';
import type { LiveSettings } from './settings/live-settings.ts';
import type { ServerSettings } from './settings/server-settings.ts';
import type { SettingsService } from './settings/settings-service.ts';
import type { SettingsStore } from './settings/settings-store.ts';
import type { TaskService } from './tasks/task-service.ts';
import type { EventHub } from './ws/event-hub.ts';
import type { TicketService } from './ws/ticket-service.ts';

/** The work domain's services; the engine drives agents through them. */
export interface WorkServices {
  tasks: TaskService;
  approvals: ApprovalService;
  budget: BudgetService;
  messages: MessageService;
  meetings: MeetingService;
  projects: ProjectService;
  artifacts: ArtifactService;
}

/**
 * The services of one running server, built once by the composition root (`app.ts`) and
 * handed to the route plugins that need them. Nothing here is a module-level singleton.
 */
export interface AppContext extends WorkServices {
  settings: ServerSettings;
  log: Logger;
  database: DatabaseHandle;
  settingsStore: SettingsStore;
  /** The runtime settings (`/settings`): definitions, effective values, writes. */
  runtimeSettings: SettingsService;
  /** Typed getters of the current values, for the parts that apply them. */
  live: LiveSettings;
  auth: AuthService;
  users: UserService;
  /** Announces ended sessions (logout, password change, disabled) to the WebSocket layer. */
  sessionRevocations: SessionRevocations;
  /**
   * Where services publish committed changes: `context.events.publish(type, payload)`. The
   * real-time hub; it never blocks and never throws into the publisher.
   */
  events: EventHub;
  /** The organization: company, departments, agents (runtime status) and providers. */
  org: OrgServices;
  tickets: TicketService;
  /** What several instances must share (memory for one instance, Redis for many). */
  shared: SharedState;
  /** The agent runtime: runner, runs and providers. */
  engine: Engine;
}
