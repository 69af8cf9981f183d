import { jsonSchema, type ModelMessage, type ToolSet, tool } from 'ai';

import type { ChatMessage, FinishReason, ToolDefinition } from './provider-types.ts';

/** Our conversation (minus the system prompt) in the SDK's message shape. */
export function toModelMessages(messages: ChatMessage[]): ModelMessage[] {
  const out: ModelMessage[] = [];
  for (const message of messages) {
    if (message.role === 'system') continue;
    if (message.role === 'user') {
      out.push({ role: 'user', content: message.content });
    } else if (message.role === 'assistant') {
      const text = message.content ? [{ type: 'text' as const, text: message.content }] : [];
      const calls = message.toolCalls.map((call) => ({
        type: 'tool-call' as const,
        toolCallId: call.id,
        toolName: call.name,
        input: call.input,
      }));
      out.push({ role: 'assistant', content: [...text, ...calls] });
    } else {
      const output = message.isError
        ? { type: 'error-text' as const, value: message.content }
        : { type: 'text' as const, value: message.content };
      out.push({
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: message.toolCallId,
            toolName: message.toolName,
            output,
          },
        ],
      });
    }
  }
  return out;
}

export function systemPromptOf(messages: ChatMessage[]): string | undefined {
  const parts = messages.filter((m) => m.role === 'system').map((m) => m.content);
  return parts.length > 0 ? parts.join('\n\n') : undefined;
}

/**
 * Tools without `execute`, so the SDK stops after one step and hands the calls back to our
 * loop; no validator either, because the tool registry validates with its own schemas.
 */
export function toToolSet(definitions: ToolDefinition[]): ToolSet {
  return Object.fromEntries(
    definitions.map((definition) => [
      definition.name,
      tool({ description: definition.description, inputSchema: jsonSchema(definition.parameters) }),
    ]),
  );
}

const FINISH_MAP: Record<string, FinishReason> = {
  stop: 'stop',
  'tool-calls': 'tool_calls',
  length: 'max_tokens',
  'content-filter': 'refusal',
};

export function mapFinishReason(reason: string): FinishReason {
  return FINISH_MAP[reason] ?? 'other';
}
