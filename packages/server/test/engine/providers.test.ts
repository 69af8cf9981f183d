import { providerConfigSchema, providerScriptSchema } from '@synthorg/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { parseRetryAfter } from '../../src/engine/providers/classify-error.ts';
import { costOf } from '../../src/engine/providers/pricing.ts';
import { ProviderError } from '../../src/engine/providers/provider-error.ts';
import { createProviderRegistry } from '../../src/engine/providers/provider-registry.ts';
import type { CompletionRequest } from '../../src/engine/providers/provider-types.ts';
import { createScriptedProvider } from '../../src/engine/providers/scripted-provider.ts';
import { createSdkProvider } from '../../src/engine/providers/sdk-provider.ts';
import { type FakeOpenAi, fake, startFakeOpenAi } from '../support/fake-openai.ts';

let server: FakeOpenAi;
const sleeps: number[] = [];
const hooks = {
  sleep: async (ms: number) => {
    sleeps.push(ms);
  },
};

function providerAt(baseUrl: string, maxRetries = 3) {
  const config = providerConfigSchema.parse({
    driver: 'openai_compatible',
    base_url: baseUrl,
    api_key: 'sk-test-secret-123',
    models: [
      { id: 'test-medium-001', alias: 'medium', cost_per_1k_input: 1, cost_per_1k_output: 2 },
    ],
    retry: { max_retries: maxRetries, base_delay: 0.01, jitter: false },
  });
  return createSdkProvider('local', config, hooks);
}

const request: CompletionRequest = {
  model: 'test-medium-001',
  messages: [
    { role: 'system', content: 'You are a test agent.' },
    { role: 'user', content: 'Write the file.' },
  ],
  tools: [
    {
      name: 'write_file',
      description: 'Writes a file',
      parameters: { type: 'object', properties: { path: { type: 'string' } } },
    },
  ],
  maxOutputTokens: 256,
  temperature: 0.2,
};

beforeAll(async () => {
  server = await startFakeOpenAi();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  sleeps.length = 0;
});

describe('AI SDK provider over HTTP', () => {
  it('returns text, tool calls and usage, and sends the key, tools and limits', async () => {
    server.enqueue(fake.tool('write_file', { path: 'README.md' }, { prompt: 50, completion: 20 }));
    const result = await providerAt(server.baseUrl).complete(request);

    expect(result.toolCalls).toEqual([
      { id: expect.any(String), name: 'write_file', input: { path: 'README.md' } },
    ]);
    expect(result.finishReason).toBe('tool_calls');
    expect(result.usage).toEqual({ inputTokens: 50, outputTokens: 20 });
    const sent = server.requests[0];
    expect(sent?.headers.authorization).toBe('Bearer sk-test-secret-123');
    expect(sent?.body.model).toBe('test-medium-001');
    expect(sent?.body.max_tokens).toBe(256);
    expect(sent?.body.tools?.[0]?.function.name).toBe('write_file');
    expect(sent?.body.messages[0]).toMatchObject({ role: 'system' });
  });

  it('replays the conversation with tool calls and tool results', async () => {
    server.enqueue(fake.text('done'));
    const result = await providerAt(server.baseUrl).complete({
      ...request,
      messages: [
        ...request.messages,
        {
          role: 'assistant',
          content: '',
          toolCalls: [{ id: 'c1', name: 'write_file', input: { path: 'a' } }],
        },
        { role: 'tool', toolCallId: 'c1', toolName: 'write_file', content: 'ok', isError: false },
      ],
    });
    expect(result.text).toBe('done');
    const roles = server.requests[0]?.body.messages.map((m) => m.role);
    expect(roles).toEqual(['system', 'user', 'assistant', 'tool']);
  });

  it('retries a 429 honouring Retry-After, then succeeds', async () => {
    server.enqueue(fake.status(429, { 'retry-after': '1' }), fake.text('ok'));
    const result = await providerAt(server.baseUrl).complete(request);
    expect(result.text).toBe('ok');
    expect(result.attempts).toBe(2);
    expect(sleeps).toEqual([1000]);
  });

  it('retries 500s with exponential backoff and gives up after max_retries', async () => {
    server.enqueue(fake.status(500), fake.status(500), fake.status(500));
    const error = await providerAt(server.baseUrl, 2)
      .complete(request)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe('transient');
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toEqual([10, 20]);
  });

  it('retries a malformed reply as transient', async () => {
    server.enqueue(fake.raw('{"choices": [ this is not json'), fake.text('recovered'));
    const result = await providerAt(server.baseUrl).complete(request);
    expect(result.text).toBe('recovered');
    expect(result.attempts).toBe(2);
  });

  it.each([
    [401, 'auth'],
    [403, 'auth'],
    [400, 'invalid_request'],
    [404, 'invalid_request'],
  ])('classifies %i as %s and does not retry', async (status, kind) => {
    server.enqueue(fake.status(status), fake.text('never'));
    const error = (await providerAt(server.baseUrl)
      .complete(request)
      .catch((e: unknown) => e)) as ProviderError;
    expect(error.kind).toBe(kind);
    expect(server.requests).toHaveLength(1);
    server.requests.length = 0;
    await providerAt(server.baseUrl).complete(request); // drains the unused reply
  });

  it('maps a content filter finish to a refusal', async () => {
    server.enqueue({ kind: 'reply', content: '', finishReason: 'content_filter' });
    const result = await providerAt(server.baseUrl).complete(request);
    expect(result.finishReason).toBe('refusal');
  });
});

describe('retry-after parsing', () => {
  it('reads seconds, milliseconds and HTTP dates', () => {
    expect(parseRetryAfter({ 'Retry-After': '3' })).toBe(3000);
    expect(parseRetryAfter({ 'retry-after-ms': '250', 'retry-after': '9' })).toBe(250);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }, now)).toBe(5000);
    expect(parseRetryAfter({ 'retry-after': 'soon' })).toBeUndefined();
  });
});

describe('pricing and registry', () => {
  it('prices usage per 1k tokens', () => {
    expect(
      costOf(
        { inputTokens: 500, outputTokens: 250 },
        { cost_per_1k_input: 0.002, cost_per_1k_output: 0.004 },
      ),
    ).toBe(0.002);
  });

  it('resolves tier aliases and shows scripted providers as such, never the key', () => {
    const registry = createProviderRegistry({
      local: providerConfigSchema.parse({
        base_url: server.baseUrl,
        api_key: 'sk-hidden',
        models: [{ id: 'test-large-001', alias: 'large' }],
      }),
      demo: providerConfigSchema.parse({
        driver: 'scripted',
        script: 'builtin:demo',
        models: [{ id: 'scripted-medium', alias: 'medium' }],
      }),
    });
    expect(registry.resolve({ provider: 'default', model: 'large' }).model.id).toBe(
      'test-large-001',
    );
    expect(registry.resolve({ model: 'medium' }).scripted).toBe(true);
    expect(() => registry.resolve({ model: 'huge' })).toThrow(/huge/);
    const views = registry.list();
    expect(views.map((v) => [v.name, v.scripted])).toEqual([
      ['local', false],
      ['demo', true],
    ]);
    expect(JSON.stringify(views)).not.toContain('sk-hidden');
  });

  it('refuses an openai_compatible provider without base_url', () => {
    expect(() =>
      createProviderRegistry({ x: providerConfigSchema.parse({ models: [{ id: 'm' }] }) }),
    ).toThrow(expect.objectContaining({ code: 'PROVIDER_CONFIG_INVALID' }));
  });
});

describe('scripted provider', () => {
  const script = providerScriptSchema.parse({
    scripts: [
      {
        match: 'readme',
        replies: [
          { tool_calls: [{ name: 'write_file', arguments: { path: 'R' } }] },
          { content: 'done' },
        ],
      },
    ],
  });

  it('replays replies by turn, so a resumed conversation continues', async () => {
    const provider = createScriptedProvider('demo', script);
    const hint = { taskTitle: 'Write project README', runId: 'r1' };
    const first = await provider.complete({ ...request, hint });
    expect(first.toolCalls[0]?.name).toBe('write_file');
    const second = await provider.complete({
      ...request,
      hint,
      messages: [
        ...request.messages,
        { role: 'assistant', content: '', toolCalls: first.toolCalls },
      ],
    });
    expect(second.text).toBe('done');
    expect(second.usage).toEqual({ inputTokens: 100, outputTokens: 40 });
  });

  it('fails clearly when no script matches', async () => {
    const provider = createScriptedProvider('demo', script);
    await expect(
      provider.complete({ ...request, hint: { taskTitle: 'Other', runId: 'r' } }),
    ).rejects.toThrow(/no scripted replies/);
  });
});
