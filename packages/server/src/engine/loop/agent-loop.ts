import type { Logger } from '../../logging/logger.ts';
import { checkBudget } from '../budget/budget-guard.ts';
import { ENGINE_LOG } from '../engine-log-events.ts';
import { costOf, estimateMaxCost, estimatePromptTokens } from '../providers/pricing.ts';
import { ProviderError } from '../providers/provider-error.ts';
import type { ChatMessage, CompletionResult, ToolDefinition } from '../providers/provider-types.ts';
import type { LlmCall } from '../runs/run-store.ts';
import type { LoopDeps, LoopInput, LoopOutcome } from './loop-types.ts';
import { isRepeating } from './repeat-detector.ts';
import { type Announce, runToolCalls } from './tool-step.ts';

const outcome = (
  reason: LoopOutcome['reason'],
  detail: string | null,
  summary: string | null = null,
): LoopOutcome => ({ reason, detail, summary });

function callRecord(input: LoopInput, turn: number, result: CompletionResult): LlmCall {
  return {
    id: `${input.run.id}:${turn}`,
    runId: input.run.id,
    taskId: input.run.taskId,
    agentName: input.agent.name,
    provider: input.model.providerName,
    model: input.model.model.id,
    inputTokens: result.usage.inputTokens,
    outputTokens: result.usage.outputTokens,
    costUsd: costOf(result.usage, input.model.model),
    createdAt: new Date().toISOString(),
    costRecordId: null,
  };
}

/** Checks before a call; an outcome means the loop must stop instead of calling. */
async function preflight(
  input: LoopInput,
  deps: LoopDeps,
  state: { messages: ChatMessage[]; turn: number; tools: ToolDefinition[]; scale: number },
  log: Logger,
): Promise<LoopOutcome | undefined> {
  if (deps.shouldStop()) return outcome('shutdown', 'server is stopping');
  if (state.turn >= deps.limits.maxTurns) {
    log.warn({ event: ENGINE_LOG.maxTurns, turns: state.turn }, 'max turns reached');
    return outcome('max_turns', `stopped after ${deps.limits.maxTurns} turns without finishing`);
  }
  const { agent, model } = input;
  const estimate = estimateMaxCost(
    state.messages,
    state.tools,
    agent.model.max_tokens,
    model.model,
    state.scale,
  );
  const verdict = await checkBudget(
    deps.budget,
    { taskId: input.run.taskId, agentName: agent.name },
    estimate,
  );
  log.debug(
    { event: ENGINE_LOG.budgetChecked, estimate, scale: state.scale, ok: verdict.ok },
    'budget',
  );
  if (verdict.ok) return undefined;
  log.warn(
    { event: ENGINE_LOG.budgetStop, scope: verdict.scope, estimate, remaining: verdict.remaining },
    'budget stop',
  );
  return outcome('budget_exhausted', verdict.reason);
}

async function complete(
  input: LoopInput,
  deps: LoopDeps,
  messages: ChatMessage[],
  tools: ToolDefinition[],
): Promise<CompletionResult | ProviderError> {
  try {
    return await input.model.provider.complete({
      model: input.model.model.id,
      messages,
      tools,
      maxOutputTokens: input.agent.model.max_tokens,
      temperature: input.agent.model.temperature,
      hint: { taskTitle: input.task.title, runId: input.run.id },
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
  } catch (error) {
    return error instanceof ProviderError
      ? error
      : new ProviderError('transient', error instanceof Error ? error.message : String(error));
  }
}

/**
 * The ReAct loop of one run: call the model, record the call's cost at once, run the tool
 * calls it asked for, repeat until it answers without tools or a limit stops it. Every turn
 * is checkpointed, so the loop can start from any stored run (resume after a restart or an
 * approval) and continue where it stopped.
 */
export async function runAgentLoop(input: LoopInput, deps: LoopDeps): Promise<LoopOutcome> {
  const { run, agent } = input;
  const log = deps.log.child({ runId: run.id, taskId: run.taskId, agent: agent.name });
  const tools = deps.tools.definitions(agent.tools);
  let messages = run.messages;
  let turn = run.turnCount;
  let approvedCallId = input.approvedCallId;
  // How far the provider's input token counts exceeded our estimate so far in this run.
  let scale = 1;
  const announce: Announce = (kind, summary) =>
    deps.events.publish('agent.activity', {
      agent_id: agent.name,
      task_id: run.taskId,
      run_id: run.id,
      turn,
      kind,
      summary,
      scripted: input.model.scripted,
    });

  for (;;) {
    const step = await runToolCalls(input, deps, { messages, approvedCallId }, log, announce);
    approvedCallId = undefined;
    if (step.parked) {
      return { ...outcome('parked', 'waiting for approval'), approvalId: step.parked.approvalId };
    }
    if (step.messages.length !== messages.length) await deps.runs.checkpoint(run.id, step.messages);
    messages = step.messages;

    const stop = await preflight(input, deps, { messages, turn, tools, scale }, log);
    if (stop) return stop;

    log.debug({ event: ENGINE_LOG.turnStarted, turn: turn + 1 }, 'turn');
    const result = await complete(input, deps, messages, tools);
    if (result instanceof ProviderError && deps.shouldStop()) {
      return outcome('shutdown', 'server is stopping');
    }
    if (result instanceof ProviderError) {
      log.warn(
        {
          event: ENGINE_LOG.llmCallFailed,
          kind: result.kind,
          status: result.status,
          msg: result.message,
        },
        'llm call failed',
      );
      return outcome('error', `provider failure (${result.kind}): ${result.message}`);
    }

    turn += 1;
    scale = Math.max(scale, result.usage.inputTokens / estimatePromptTokens(messages, tools));
    messages = [
      ...messages,
      { role: 'assistant', content: result.text, toolCalls: result.toolCalls },
    ];
    const call = callRecord(input, turn, result);
    await deps.runs.recordTurn(run.id, messages, call);
    log.info(
      {
        event: ENGINE_LOG.llmCallCompleted,
        turn,
        attempts: result.attempts,
        inputTokens: call.inputTokens,
        outputTokens: call.outputTokens,
        costUsd: call.costUsd,
        finishReason: result.finishReason,
      },
      'llm call',
    );
    await deps.costs.forward(call);
    announce(
      'llm_call',
      result.toolCalls.length > 0
        ? `calls ${result.toolCalls.map((c) => c.name).join(', ')}`
        : result.text.slice(0, 200),
    );

    if (result.finishReason === 'refusal')
      return outcome('error', 'provider failure (refusal): the model refused');
    if (result.toolCalls.length === 0) return outcome('completed', null, result.text);
    if (isRepeating(messages, deps.limits.repeatLimit)) {
      log.warn({ event: ENGINE_LOG.repeatedToolCall, turn }, 'repeated tool call');
      return outcome(
        'repeated_tool_call',
        `the same tool call was repeated ${deps.limits.repeatLimit} turns in a row`,
      );
    }
  }
}
