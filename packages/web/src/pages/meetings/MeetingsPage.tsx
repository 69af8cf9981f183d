import { MEETING_STATUSES, type MeetingRecord } from '@synthorg/shared';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';

import { apiList, apiRequest } from '../../api/api-client.ts';
import { errorText } from '../../api/error-messages.ts';
import { useCanWrite } from '../../auth/use-can-write.ts';
import { Badge, labelOf } from '../../components/Badge.tsx';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyBlock, QueryState } from '../../components/QueryState.tsx';
import { SelectField } from '../../components/SelectField.tsx';

function TriggerMeeting() {
  const [eventName, setEventName] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const trigger = useMutation({
    mutationFn: () =>
      apiRequest<MeetingRecord[]>('POST', '/meetings/trigger', {
        body: { event_name: eventName.trim() },
      }),
    onSuccess: (records) =>
      setNote(
        `Scheduled ${records.length} meeting(s): ${records.map((r) => r.meeting_type_name).join(', ')}.`,
      ),
    onError: (error) => setNote(errorText(error)),
  });
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (eventName.trim()) trigger.mutate();
      }}
    >
      <div>
        <label className="field-label" htmlFor="meeting-event">
          Trigger by event
        </label>
        <input
          id="meeting-event"
          className="field"
          placeholder="code_review_complete"
          value={eventName}
          onChange={(event) => setEventName(event.target.value)}
        />
      </div>
      <button
        type="submit"
        className="btn-secondary"
        disabled={trigger.isPending || !eventName.trim()}
      >
        Trigger
      </button>
      {note && <p className="w-full text-sm text-slate-600">{note}</p>}
    </form>
  );
}

/** Meetings with their status and token use; kept current by the `meetings` channel. */
export function MeetingsPage() {
  const canWrite = useCanWrite();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const meetings = useQuery({
    queryKey: ['meetings', 'list', status ? { status } : {}],
    queryFn: () => apiList<MeetingRecord>('/meetings', status ? { status } : {}),
  });
  return (
    <>
      <PageHeader
        title="Meetings"
        subtitle="Agent meetings and their outcomes"
        actions={canWrite && <TriggerMeeting />}
      />
      <div className="mb-4 max-w-xs">
        <SelectField
          id="meeting-status"
          label="Status"
          value={status}
          options={MEETING_STATUSES}
          anyLabel="Any status"
          onChange={(v) => setParams(v ? { status: v } : {})}
        />
      </div>
      <QueryState
        query={meetings}
        isEmpty={(page) => page.items.length === 0}
        empty={<EmptyBlock title="No meetings yet" hint="Meetings appear when agents hold them." />}
      >
        {(page) => (
          <div className="card overflow-x-auto p-0">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-50 text-xs text-slate-500 uppercase">
                <tr>
                  <th className="px-3 py-2">Type</th>
                  <th className="px-3 py-2">Protocol</th>
                  <th className="px-3 py-2">Status</th>
                  <th className="px-3 py-2">Participants</th>
                  <th className="px-3 py-2">Token budget</th>
                  <th className="px-3 py-2">Updated</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {page.items.map((meeting) => (
                  <tr key={meeting.meeting_id} data-testid="meeting-row">
                    <td className="px-3 py-2">{labelOf(meeting.meeting_type_name)}</td>
                    <td className="px-3 py-2">{labelOf(meeting.protocol_type)}</td>
                    <td className="px-3 py-2">
                      <Badge value={meeting.status} />
                      {meeting.error_message && (
                        <p className="text-xs text-red-600">{meeting.error_message}</p>
                      )}
                    </td>
                    <td className="px-3 py-2">{meeting.participant_ids.join(', ') || '—'}</td>
                    <td className="px-3 py-2 font-mono">{meeting.token_budget}</td>
                    <td className="px-3 py-2">{formatDateTime(meeting.updated_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
    </>
  );
}
