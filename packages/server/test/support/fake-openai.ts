import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A tool call the fake model "decides" to make. */
export interface FakeToolCall {
  name: string;
  arguments: Record<string, unknown>;
}

/** One scripted answer of the fake server. */
export type FakeStep =
  | {
      kind: 'reply';
      content?: string;
      toolCalls?: FakeToolCall[];
      usage?: { prompt: number; completion: number };
      finishReason?: string;
    }
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: unknown }
  | { kind: 'raw'; body: string }
  /** Never answers: the request stays open until the client gives up or the server closes. */
  | { kind: 'hang' };

/** A request as the fake server received it. */
export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: {
    model: string;
    messages: Array<{ role: string; content?: unknown; tool_calls?: unknown[] }>;
    tools?: Array<{ function: { name: string } }>;
    max_tokens?: number;
    [key: string]: unknown;
  };
}

/** Chooses the answer for a request; used when the queue is empty. */
export type FakeHandler = (request: RecordedRequest) => FakeStep;

export interface FakeOpenAi {
  /** Base URL to configure as a provider's `base_url`, ending in `/v1`. */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Appends steps answered in order, one per request. */
  enqueue(...steps: FakeStep[]): void;
  /** Answers every request once the queue is empty. */
  setHandler(handler: FakeHandler): void;
  close(): Promise<void>;
}

/** Helpers to write scripts compactly. */
export const fake = {
  text: (content: string, usage = { prompt: 80, completion: 30 }): FakeStep => ({
    kind: 'reply',
    content,
    usage,
  }),
  tool: (
    name: string,
    args: Record<string, unknown>,
    usage = { prompt: 50, completion: 20 },
  ): FakeStep => ({ kind: 'reply', toolCalls: [{ name, arguments: args }], usage }),
  status: (status: number, headers: Record<string, string> = {}): FakeStep => ({
    kind: 'status',
    status,
    headers,
    body: { error: { message: `fake status ${status}`, type: 'fake_error' } },
  }),
  raw: (body: string): FakeStep => ({ kind: 'raw', body }),
};

let callCounter = 0;

function completionBody(step: Extract<FakeStep, { kind: 'reply' }>, model: string) {
  const toolCalls = (step.toolCalls ?? []).map((call) => ({
    id: `call_${++callCounter}`,
    type: 'function',
    function: { name: call.name, arguments: JSON.stringify(call.arguments) },
  }));
  const usage = step.usage ?? { prompt: 10, completion: 5 };
  return {
    id: `chatcmpl-${callCounter}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: step.content ?? null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        finish_reason: step.finishReason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop'),
      },
    ],
    usage: {
      prompt_tokens: usage.prompt,
      completion_tokens: usage.completion,
      total_tokens: usage.prompt + usage.completion,
    },
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * An OpenAI-compatible chat-completions server on 127.0.0.1 port 0 that plays the LLM in
 * tests: it answers from a queue of scripted steps (replies with tool calls and usage, error
 * statuses with headers, malformed bodies) and records every request it received.
 */
export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const queue: FakeStep[] = [];
  const requests: RecordedRequest[] = [];
  let handler: FakeHandler | undefined;

  const server: Server = createServer(async (req, res) => {
    const text = await readBody(req);
    if (!req.url?.endsWith('/chat/completions') || req.method !== 'POST') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'not found' } }));
      return;
    }
    const recorded: RecordedRequest = {
      path: req.url,
      headers: req.headers,
      body: JSON.parse(text),
    };
    requests.push(recorded);
    const step = queue.shift() ?? handler?.(recorded) ?? fake.status(500);
    if (step.kind === 'hang') return;
    if (step.kind === 'raw') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(step.body);
      return;
    }
    if (step.kind === 'status') {
      res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers });
      res.end(JSON.stringify(step.body ?? {}));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(completionBody(step, recorded.body.model)));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...steps) => queue.push(...steps),
    setHandler: (next) => {
      handler = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
