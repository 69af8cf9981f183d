import type { ProviderScript, ScriptedReply } from '@synthorg/shared';

import { ProviderError } from './provider-error.ts';
import type { CompletionRequest, CompletionResult, LlmProvider } from './provider-types.ts';

function pickReplies(script: ProviderScript, taskTitle: string): ScriptedReply[] {
  const title = taskTitle.toLowerCase();
  const matched = script.scripts.find(
    (entry) => entry.match !== undefined && title.includes(entry.match.toLowerCase()),
  );
  const fallback = script.scripts.find((entry) => entry.match === undefined);
  const chosen = matched ?? fallback;
  if (!chosen) {
    throw new ProviderError('invalid_request', `no scripted replies match task "${taskTitle}"`);
  }
  return chosen.replies;
}

/**
 * Replays a YAML script instead of calling a model: for offline demos and dry runs. The reply
 * used is chosen by how many assistant turns the conversation already has, so a run resumed
 * after a restart or an approval continues where it stopped.
 */
export function createScriptedProvider(name: string, script: ProviderScript): LlmProvider {
  return {
    name,
    driver: 'scripted',
    async complete(request: CompletionRequest): Promise<CompletionResult> {
      const replies = pickReplies(script, request.hint?.taskTitle ?? '');
      const turn = request.messages.filter((m) => m.role === 'assistant').length;
      const reply = replies[turn];
      if (!reply) {
        throw new ProviderError(
          'invalid_request',
          `script exhausted after ${replies.length} replies`,
        );
      }
      const toolCalls = reply.tool_calls.map((call, index) => ({
        id: `scripted-${turn + 1}-${index + 1}`,
        name: call.name,
        input: call.arguments,
      }));
      return {
        text: reply.content ?? '',
        toolCalls,
        finishReason: toolCalls.length > 0 ? 'tool_calls' : 'stop',
        usage: { inputTokens: reply.usage.input_tokens, outputTokens: reply.usage.output_tokens },
        attempts: 1,
      };
    },
  };
}
