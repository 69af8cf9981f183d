import type { Logger } from '../../logging/logger.ts';
import { ENGINE_LOG } from '../engine-log-events.ts';
import type { ChatMessage, ToolCall } from '../providers/provider-types.ts';
import type { ActivityKind, LoopDeps, LoopInput } from './loop-types.ts';

/** Tool calls of the last assistant turn that have no result yet. */
export function pendingCalls(messages: ChatMessage[]): ToolCall[] {
  const lastAssistant = messages.findLastIndex((m) => m.role === 'assistant');
  const assistant = messages[lastAssistant];
  if (assistant?.role !== 'assistant') return [];
  const answered = new Set(
    messages.slice(lastAssistant + 1).flatMap((m) => (m.role === 'tool' ? [m.toolCallId] : [])),
  );
  return assistant.toolCalls.filter((call) => !answered.has(call.id));
}

export type Announce = (kind: ActivityKind, summary: string) => void;

export interface ToolStepResult {
  messages: ChatMessage[];
  parked?: { approvalId: string; callId: string };
}

function brief(input: Record<string, unknown>): string {
  const text = JSON.stringify(input);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function logRefusal(log: Logger, call: ToolCall, refusal: string, content: string): void {
  const event = refusal === 'path_refused' ? ENGINE_LOG.pathRefused : ENGINE_LOG.toolRefused;
  log.warn({ event, tool: call.name, refusal, path: call.input.path, detail: content }, 'refused');
}

/**
 * Runs the pending calls in order. A call that needs a human stops the step: an approval is
 * requested and the run parked with the results so far, to continue from that very call.
 */
export async function runToolCalls(
  input: LoopInput,
  deps: LoopDeps,
  start: { messages: ChatMessage[]; approvedCallId: string | undefined },
  log: Logger,
  announce: Announce,
): Promise<ToolStepResult> {
  const messages = [...start.messages];
  const { agent, run } = input;
  // The turn whose calls these are: with the run and the call id it names a parking exactly.
  const turn = messages.filter((m) => m.role === 'assistant').length;
  for (const call of pendingCalls(messages)) {
    const result = await deps.tools.invoke(call, {
      permissions: agent.tools,
      autonomy: agent.autonomy,
      context: { workspace: input.workspace },
      approved: call.id === start.approvedCallId,
    });
    if (result.kind === 'approval_required') {
      const approval = await deps.approvals.request({
        taskId: run.taskId,
        agentName: agent.name,
        actionType: result.actionType,
        risk: result.risk,
        title: `${agent.name} wants to run ${call.name}`,
        description: `Task "${input.task.title}": ${call.name} ${brief(call.input)}`,
        metadata: { source: 'engine', run_id: run.id, tool_call_id: call.id, tool: call.name },
        requestKey: `park:${run.id}:${turn}:${call.id}`,
      });
      await deps.runs.park(run.id, messages, approval.id, call.id);
      log.info(
        { event: ENGINE_LOG.approvalRequested, approvalId: approval.id, tool: call.name },
        'parked for approval',
      );
      announce('parked', `waiting for approval of ${call.name} (${result.actionType})`);
      return { messages, parked: { approvalId: approval.id, callId: call.id } };
    }
    if (result.refusal) logRefusal(log, call, result.refusal, result.content);
    else
      log.info({ event: ENGINE_LOG.toolInvoked, tool: call.name, isError: result.isError }, 'tool');
    messages.push({
      role: 'tool',
      toolCallId: call.id,
      toolName: call.name,
      content: result.content,
      isError: result.isError,
    });
    announce(
      result.refusal ? 'tool_refused' : 'tool_call',
      `${call.name}: ${result.content.slice(0, 200)}`,
    );
  }
  return { messages };
}
