import type { ChatMessage, ToolCall } from '../providers/provider-types.ts';

/** Stable text of a call: name and arguments with sorted keys, ids ignored. */
function signature(call: ToolCall): string {
  const sorted = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sorted);
    if (value && typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>);
      return Object.fromEntries(
        entries.sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sorted(v)]),
      );
    }
    return value;
  };
  return `${call.name}:${JSON.stringify(sorted(call.input))}`;
}

/**
 * True when the last `limit` assistant turns all made the same, non-empty set of tool calls:
 * the model is stuck, and another identical turn would only spend money.
 */
export function isRepeating(messages: ChatMessage[], limit: number): boolean {
  const turns = messages
    .filter((m): m is Extract<ChatMessage, { role: 'assistant' }> => m.role === 'assistant')
    .slice(-limit);
  if (turns.length < limit) return false;
  const keys = turns.map((t) => t.toolCalls.map(signature).sort().join('|'));
  return keys[0] !== '' && keys.every((key) => key === keys[0]);
}
