import type { Migration } from 'kysely';

import { m001Settings } from './001-settings.ts';
import { m010Users } from './010-users.ts';
import { m020Org } from './020-org.ts';
import { m030Tasks } from './030-tasks.ts';
import { m031Approvals } from './031-approvals.ts';
import { m032CostRecords } from './032-cost-records.ts';
import { m033Messages } from './033-messages.ts';
import { m034Meetings } from './034-meetings.ts';
import { m035ProjectsArtifacts } from './035-projects-artifacts.ts';
import { m040EngineRuns } from './040-engine-runs.ts';
import { m041MeetingScheduleKeys } from './041-meeting-schedule-keys.ts';
import { m042ApprovalKeys } from './042-approval-keys.ts';
import { m043RunReviews } from './043-run-reviews.ts';

/**
 * All migrations, keyed by a name that sorts in the order they must run. Append only: a
 * migration that has shipped is never edited, a later one changes it.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '001_settings': m001Settings,
  '010_users': m010Users,
  '020_org': m020Org,
  '030_tasks': m030Tasks,
  '031_approvals': m031Approvals,
  '032_cost_records': m032CostRecords,
  '033_messages': m033Messages,
  '034_meetings': m034Meetings,
  '035_projects_artifacts': m035ProjectsArtifacts,
  '040_engine_runs': m040EngineRuns,
  '041_meeting_schedule_keys': m041MeetingScheduleKeys,
  '042_approval_keys': m042ApprovalKeys,
  '043_run_reviews': m043RunReviews,
};
