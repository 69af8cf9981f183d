import type { ApprovalTable } from '../approvals/approval-table.ts';
import type { ArtifactTable } from '../artifacts/artifact-table.ts';
import type { RevokedTokensTable, UsersTable } from '../auth/users-table.ts';
import type { CostRecordTable } from '../budget/cost-record-table.ts';
import type { EngineLlmCallTable, EngineRunTable } from '../engine/runs/run-table.ts';
import type { MeetingTable } from '../meetings/meeting-table.ts';
import type { MessageChannelTable, MessageTable } from '../messages/message-tables.ts';
import type {
  AgentsTable,
  CompanyTable,
  DepartmentsTable,
  ProvidersTable,
} from '../org/org-tables.ts';
import type { ProjectTable } from '../projects/project-table.ts';
import type { SettingsTable } from '../settings/settings-table.ts';
import type { TaskTable } from '../tasks/task-table.ts';

/**
 * Every table the server owns. Each domain declares its table types beside its code; this is
 * the one place that composes them for Kysely. Timestamps are ISO-8601 text and JSON is text
 * on both dialects, so the same queries run on SQLite and PostgreSQL.
 */
export interface DatabaseSchema {
  settings: SettingsTable;
  company: CompanyTable;
  departments: DepartmentsTable;
  agents: AgentsTable;
  providers: ProvidersTable;
  tasks: TaskTable;
  users: UsersTable;
  revoked_tokens: RevokedTokensTable;
  engine_runs: EngineRunTable;
  engine_llm_calls: EngineLlmCallTable;
  approvals: ApprovalTable;
  cost_records: CostRecordTable;
  messages: MessageTable;
  message_channels: MessageChannelTable;
  meetings: MeetingTable;
  projects: ProjectTable;
  artifacts: ArtifactTable;
}
