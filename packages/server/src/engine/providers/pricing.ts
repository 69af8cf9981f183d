import type { ProviderModel } from '@synthorg/shared';

import type { ChatMessage, TokenUsage, ToolDefinition } from './provider-types.ts';

export type ModelPrices = Pick<ProviderModel, 'cost_per_1k_input' | 'cost_per_1k_output'>;

/** Rounded to 10 decimals so sums of many small calls stay exact enough to compare. */
export function roundUsd(value: number): number {
  return Math.round(value * 1e10) / 1e10;
}

/** USD for a call's usage at the model's per-1k prices. */
export function costOf(usage: TokenUsage, prices: ModelPrices): number {
  return roundUsd(
    (usage.inputTokens / 1000) * prices.cost_per_1k_input +
      (usage.outputTokens / 1000) * prices.cost_per_1k_output,
  );
}

/**
 * Upper estimate of a prompt's tokens. One token per three characters (plus a per-message
 * overhead) over-counts English and JSON, which is what a pre-call budget check needs.
 */
export function estimatePromptTokens(messages: ChatMessage[], tools: ToolDefinition[]): number {
  let chars = JSON.stringify(tools).length;
  for (const message of messages) chars += JSON.stringify(message).length;
  return Math.ceil(chars / 3) + 8 * messages.length;
}

/**
 * The most a call can cost: the estimated prompt plus every allowed output token. `scale`
 * (≥ 1) corrects the prompt estimate once a provider has reported more input tokens than it.
 */
export function estimateMaxCost(
  messages: ChatMessage[],
  tools: ToolDefinition[],
  maxOutputTokens: number,
  prices: ModelPrices,
  scale = 1,
): number {
  const inputTokens = Math.ceil(estimatePromptTokens(messages, tools) * scale);
  return costOf({ inputTokens, outputTokens: maxOutputTokens }, prices);
}
