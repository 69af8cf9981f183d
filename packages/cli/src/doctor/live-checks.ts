import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { envelopeOf, tokenResponseSchema, wsTicketResponseSchema } from '@synthorg/shared';

import { layoutOf } from '../support/paths.ts';
import { probeHealth } from '../support/probe.ts';
import { type CheckResult, fail, messageOf, ok, warn } from './check.ts';
import { wsRoundTrip } from './ws-round-trip.ts';

export interface LiveTarget {
  dataDir: string;
  /** `http://127.0.0.1:<api port>` */
  apiUrl: string;
  /** The dashboard over loopback, for requests. */
  dashboardUrl: string;
  /** The dashboard's origin as a browser sends it (`http://localhost:<web port>`). */
  dashboardOrigin: string;
}

export interface Credentials {
  username?: string | undefined;
  password?: string | undefined;
}

const portOf = (url: string) => new URL(url).port;

async function postJson(url: string, body: unknown, token?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: reported through the status
  }
  return { status: response.status, json };
}

export async function checkHealth(name: string, baseUrl: string): Promise<CheckResult> {
  const probe = await probeHealth(baseUrl);
  if (!probe.reachable) return fail(name, `${baseUrl}: ${probe.reason}`);
  const state = probe.health.status === 'ok' ? ok : fail;
  return state(name, `${baseUrl}/api/v1/health: ${probe.health.status}`);
}

export async function checkDashboardPage(target: LiveTarget): Promise<CheckResult> {
  try {
    const response = await fetch(`${target.dashboardUrl}/`, { signal: AbortSignal.timeout(5000) });
    const body = await response.text();
    if (response.status !== 200) return fail('dashboard page', `HTTP ${response.status}`);
    if (!body.includes('id="root"')) return warn('dashboard page', body.slice(0, 120));
    return ok('dashboard page', `${target.dashboardOrigin}/ serves the dashboard`);
  } catch (error) {
    return fail('dashboard page', `${target.dashboardUrl}: ${messageOf(error)}`);
  }
}

const tokenEnvelope = envelopeOf(tokenResponseSchema);

/** A token for the round trip: a login, or the one-time doctor token file (see docs). */
export async function obtainSession(
  target: LiveTarget,
  credentials: Credentials,
): Promise<{ token: string; check: CheckResult } | { check: CheckResult }> {
  const api = `${target.dashboardUrl}/api/v1`;
  if (credentials.username && credentials.password) {
    const login = await postJson(`${api}/auth/login`, credentials);
    const parsed = tokenEnvelope.safeParse(login.json);
    if (!parsed.success)
      return { check: fail('login', `HTTP ${login.status} from ${api}/auth/login`) };
    return {
      token: parsed.data.data.token,
      check: ok('login', `as ${credentials.username}, through the dashboard`),
    };
  }
  const file = layoutOf(target.dataDir).doctorToken;
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  try {
    const session = await postJson(`${api}/doctor/session`, { token: secret });
    const parsed = tokenEnvelope.safeParse(session.json);
    if (parsed.success)
      return {
        token: parsed.data.data.token,
        check: ok('session', 'doctor token redeemed through the dashboard'),
      };
    const code = (session.json as { error_code?: string } | null)?.error_code;
    const hint =
      code === 'SETUP_REQUIRED'
        ? 'no account yet: create the admin in the dashboard first (or pass --username/--password)'
        : `HTTP ${session.status} ${code ?? ''}`.trim();
    return { check: fail('session', hint) };
  } finally {
    rmSync(file, { force: true });
  }
}

const ticketEnvelope = envelopeOf(wsTicketResponseSchema);

async function ticketFrom(baseUrl: string, token: string): Promise<string | CheckResult> {
  const issued = await postJson(`${baseUrl}/api/v1/auth/ws-ticket`, {}, token);
  const parsed = ticketEnvelope.safeParse(issued.json);
  if (!parsed.success)
    return fail('ws ticket', `HTTP ${issued.status} from ${baseUrl}/api/v1/auth/ws-ticket`);
  return parsed.data.data.ticket;
}

async function roundTripVia(baseUrl: string, target: LiveTarget, token: string) {
  const ticket = await ticketFrom(baseUrl, token);
  if (typeof ticket !== 'string') return { ticketCheck: ticket, failure: null };
  const nonce = randomBytes(8).toString('hex');
  const failure = await wsRoundTrip({
    url: `${baseUrl.replace(/^http/, 'ws')}/api/v1/ws?ticket=${ticket}`,
    origin: target.dashboardOrigin,
    nonce,
    publish: async () => {
      const echo = await postJson(`${target.dashboardUrl}/api/v1/doctor/echo`, { nonce }, token);
      if (echo.status !== 200) throw new Error(`POST /doctor/echo answered HTTP ${echo.status}`);
    },
  });
  return { ticketCheck: ok('ws ticket', `issued by ${baseUrl}`), failure };
}

/**
 * Ticket, upgrade through the dashboard, subscribe, and one `system.test` event back. On a
 * failure the same trip is tried straight against the API to name the hop that broke.
 */
export async function checkRealtime(target: LiveTarget, token: string): Promise<CheckResult[]> {
  const viaDashboard = await roundTripVia(target.dashboardUrl, target, token);
  if (viaDashboard.ticketCheck.state === 'fail') return [viaDashboard.ticketCheck];
  if (!viaDashboard.failure) {
    return [
      viaDashboard.ticketCheck,
      ok(
        'websocket',
        `upgrade through :${portOf(target.dashboardUrl)}, subscribe and system.test event received`,
      ),
    ];
  }
  const { step, detail } = viaDashboard.failure;
  const direct = await roundTripVia(target.apiUrl, target, token);
  const webPort = portOf(target.dashboardUrl);
  if (direct.ticketCheck.state !== 'fail' && !direct.failure) {
    const what =
      step === 'upgrade' ? 'did not forward the WebSocket upgrade' : `broke the socket at ${step}`;
    return [
      viaDashboard.ticketCheck,
      fail(
        'websocket',
        `the dashboard proxy at :${webPort} ${what} (${detail}); direct to the API at :${portOf(target.apiUrl)} works`,
      ),
    ];
  }
  return [
    viaDashboard.ticketCheck,
    fail(
      'websocket',
      `the API's WebSocket failed at ${step}: ${detail} (also through :${webPort})`,
    ),
  ];
}
