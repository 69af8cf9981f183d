import type { ProviderDriver } from '@synthorg/shared';

/**
 * One message of a run's conversation. Our own shape (not the SDK's) so a checkpoint stored
 * as JSON stays readable across SDK upgrades.
 */
export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls: ToolCall[] }
  | { role: 'tool'; toolCallId: string; toolName: string; content: string; isError: boolean };

export interface ToolCall {
  id: string;
  name: string;
  input: Record<string, unknown>;
}

/** What the model is told about a tool: name, purpose and a JSON Schema of its arguments. */
export interface ToolDefinition {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface CompletionRequest {
  model: string;
  messages: ChatMessage[];
  tools: ToolDefinition[];
  maxOutputTokens: number;
  temperature: number;
  /** Extra context a scripted provider uses to pick its script; ignored by real drivers. */
  hint?: { taskTitle: string; runId: string };
  signal?: AbortSignal;
}

export const FINISH_REASONS = ['stop', 'tool_calls', 'max_tokens', 'refusal', 'other'] as const;
export type FinishReason = (typeof FINISH_REASONS)[number];

export interface CompletionResult {
  text: string;
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  usage: TokenUsage;
  /** Attempts the retry layer needed, 1 when the first call succeeded. */
  attempts: number;
}

/**
 * The narrow contract the loop depends on. Implementations: the AI SDK drivers (over HTTP)
 * and the scripted provider. Failures are thrown as `ProviderError` with a classified kind.
 */
export interface LlmProvider {
  readonly name: string;
  readonly driver: ProviderDriver;
  complete(request: CompletionRequest): Promise<CompletionResult>;
}
