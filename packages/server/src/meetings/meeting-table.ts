import type { MeetingRecord } from '@synthorg/shared';

import { fromJson, toJson } from '../db/rows.ts';

export interface MeetingTable {
  meeting_id: string;
  meeting_type_name: string;
  protocol_type: string;
  status: string;
  minutes: string | null;
  error_message: string | null;
  token_budget: number;
  participant_ids: string;
  /** `<type>@<period start>` for a periodic meeting, unique; null for any other. */
  schedule_key: string | null;
  created_at: string;
  updated_at: string;
}

/** The row of a record, without its schedule key (written once, when the meeting is created). */
export function meetingToRow(meeting: MeetingRecord): Omit<MeetingTable, 'schedule_key'> {
  return {
    ...meeting,
    minutes: meeting.minutes === null ? null : toJson(meeting.minutes),
    participant_ids: toJson(meeting.participant_ids),
  };
}

export function rowToMeeting({ schedule_key: _key, ...row }: MeetingTable): MeetingRecord {
  return {
    ...row,
    protocol_type: row.protocol_type as MeetingRecord['protocol_type'],
    status: row.status as MeetingRecord['status'],
    minutes: row.minutes === null ? null : fromJson(row.minutes),
    token_budget: Number(row.token_budget),
    participant_ids: fromJson(row.participant_ids),
  };
}
