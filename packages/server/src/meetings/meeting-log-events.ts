/** Log event names of the meeting domain. */
export const MEETING_LOG = {
  scheduled: 'work.meeting.scheduled',
  started: 'work.meeting.started',
  finished: 'work.meeting.finished',
} as const;
