import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { ProviderConfig } from '@synthorg/shared';
import { generateText, type LanguageModel } from 'ai';
import type {
  CompletionRequest,
  CompletionResult,
  LlmProvider,
  ToolCall,
} from './provider-types.ts';
import type { RetryHooks } from './retry.ts';
import { withRetry } from './retry.ts';
import { mapFinishReason, systemPromptOf, toModelMessages, toToolSet } from './sdk-messages.ts';

type ModelFactory = (name: string, config: ProviderConfig) => (modelId: string) => LanguageModel;

/** One factory per HTTP driver; a new driver is one entry here. */
const MODEL_FACTORIES: Record<Exclude<ProviderConfig['driver'], 'scripted'>, ModelFactory> = {
  openai_compatible: (name, config) => {
    const provider = createOpenAICompatible({
      name,
      // The registry refuses an openai_compatible provider without base_url.
      baseURL: config.base_url ?? '',
      ...(config.api_key ? { apiKey: config.api_key } : {}),
      includeUsage: true,
    });
    return (modelId) => provider.chatModel(modelId);
  },
  // Chat Completions rather than the Responses API, so every OpenAI-style gateway works.
  openai: (_name, config) => {
    const provider = createOpenAI({ apiKey: config.api_key, baseURL: config.base_url });
    return (modelId) => provider.chat(modelId);
  },
  anthropic: (_name, config) => {
    const provider = createAnthropic({ apiKey: config.api_key, baseURL: config.base_url });
    return (modelId) => provider(modelId);
  },
};

function toolCallsOf(calls: Array<{ toolCallId: string; toolName: string; input: unknown }>) {
  return calls.map(
    (call): ToolCall => ({
      id: call.toolCallId,
      name: call.toolName,
      // A reply whose arguments are not an object still reaches the registry, which refuses it.
      input:
        call.input !== null && typeof call.input === 'object' && !Array.isArray(call.input)
          ? (call.input as Record<string, unknown>)
          : { __unparsed: call.input },
    }),
  );
}

/**
 * An LLM provider over the AI SDK. The SDK's own retries are off (`maxRetries: 0`) so ours
 * classify every failure, honour `Retry-After` and report attempts.
 */
export function createSdkProvider(
  name: string,
  config: ProviderConfig,
  hooks: RetryHooks = {},
): LlmProvider {
  if (config.driver === 'scripted') throw new Error('scripted providers are built elsewhere');
  const modelOf = MODEL_FACTORIES[config.driver](name, config);

  async function callOnce(request: CompletionRequest) {
    const timeout = AbortSignal.timeout(config.timeout * 1000);
    const result = await generateText({
      model: modelOf(request.model),
      system: systemPromptOf(request.messages),
      messages: toModelMessages(request.messages),
      ...(request.tools.length > 0 ? { tools: toToolSet(request.tools) } : {}),
      maxOutputTokens: request.maxOutputTokens,
      temperature: request.temperature,
      maxRetries: 0,
      abortSignal: request.signal ? AbortSignal.any([request.signal, timeout]) : timeout,
    });
    return result;
  }

  return {
    name,
    driver: config.driver,
    async complete(request): Promise<CompletionResult> {
      const { value, attempts } = await withRetry(config.retry, () => callOnce(request), {
        ...hooks,
        ...(request.signal ? { signal: request.signal } : {}),
      });
      return {
        text: value.text,
        toolCalls: toolCallsOf(value.toolCalls),
        finishReason: mapFinishReason(value.finishReason),
        usage: {
          inputTokens: value.usage.inputTokens ?? 0,
          outputTokens: value.usage.outputTokens ?? 0,
        },
        attempts,
      };
    },
  };
}
