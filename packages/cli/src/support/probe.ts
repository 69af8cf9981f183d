import { envelopeOf, type HealthStatus, healthStatusSchema } from '@synthorg/shared';

const healthEnvelope = envelopeOf(healthStatusSchema);

export type ProbeResult =
  | { reachable: true; health: HealthStatus }
  | { reachable: false; reason: string };

function describeFailure(error: unknown): string {
  if (error instanceof Error && error.cause instanceof Error) {
    const code = (error.cause as NodeJS.ErrnoException).code;
    return code ? `${code} (${error.cause.message})` : error.cause.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** One `GET <base>/api/v1/health`, validated against the shared schema. Never throws. */
export async function probeHealth(baseUrl: string, timeoutMs = 5000): Promise<ProbeResult> {
  try {
    const response = await fetch(`${baseUrl}/api/v1/health`, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    if (!response.ok) {
      return { reachable: false, reason: `HTTP ${response.status}: ${text.slice(0, 200)}` };
    }
    const parsed = healthEnvelope.safeParse(JSON.parse(text));
    if (!parsed.success) return { reachable: false, reason: 'health answer is not a health body' };
    return { reachable: true, health: parsed.data.data };
  } catch (error) {
    return { reachable: false, reason: describeFailure(error) };
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls until health says `ok` or the deadline passes. Polling (not a timer race) is the
 * contract: the answer is whatever the server last said.
 */
export async function waitForHealthy(
  baseUrl: string,
  deadlineMs: number,
  isAborted: () => string | null = () => null,
): Promise<ProbeResult> {
  const until = Date.now() + deadlineMs;
  let last: ProbeResult = { reachable: false, reason: 'not probed yet' };
  while (Date.now() < until) {
    const aborted = isAborted();
    if (aborted) return { reachable: false, reason: aborted };
    last = await probeHealth(baseUrl);
    if (last.reachable && last.health.status === 'ok') return last;
    await sleep(250);
  }
  return last;
}
