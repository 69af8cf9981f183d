/** Log event names of the meeting domain. */
export const MEETING_LOG = {
  scheduled: 'work.meeting.scheduled',
  /** A periodic type whose participants do not resolve is skipped for now and logged. */
  skipped: 'work.meeting.schedule_skipped',
  started: 'work.meeting.started',
  finished: 'work.meeting.finished',
} as const;
