import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { expectAnonymousRefused } from '../support/auth.ts';
import { startWorkApi, type WorkApi } from '../support/work-api.ts';

let w: WorkApi;

beforeAll(async () => {
  w = await startWorkApi();
});
afterAll(() => w.t.close({ removeData: true }));

const REQUEST = {
  action_type: 'deploy:production',
  title: 'Release 1.0',
  description: 'Ship the first release',
  risk_level: 'high',
  ttl_seconds: 3600,
  metadata: { source: 'test' },
};

async function submit(extra: Record<string, unknown> = {}) {
  const response = await w.call('POST', '/approvals', { ...REQUEST, ...extra });
  expect(response.status).toBe(201);
  return response.body.data;
}

describe('approval routes', () => {
  it('refuses anonymous callers and observers that write', async () => {
    const id = (await submit()).id;
    const routes = [
      ['GET', '/approvals'],
      ['GET', `/approvals/${id}`],
      ['POST', '/approvals', REQUEST],
      ['POST', `/approvals/${id}/approve`, {}],
      ['POST', `/approvals/${id}/reject`, { reason: 'no' }],
    ] as const;
    for (const [method, path, body] of routes) {
      await expectAnonymousRefused(w.t.baseUrl, method, `/api/v1${path}`, body);
    }
    for (const [method, path, body] of routes.slice(2)) {
      const response = await w.call(method, path, body, w.observer.token);
      expect(response.status, `${method} ${path}`).toBe(403);
    }
    expect(
      (await w.call('GET', `/approvals/${id}`, undefined, w.observer.token)).body.data.status,
    ).toBe('pending');
  });

  it('submits with the caller as requester and an expiry from the TTL', async () => {
    const approval = await submit();
    expect(approval).toMatchObject({
      status: 'pending',
      requested_by: w.admin.username,
      decided_at: null,
      metadata: { source: 'test' },
    });
    expect(approval.id).toMatch(/^approval-[0-9a-f]{32}$/);
    const ttl = Date.parse(approval.expires_at) - Date.parse(approval.created_at);
    expect(ttl).toBe(3_600_000);
  });

  it('validates the request: action type form, TTL bounds, metadata size', async () => {
    for (const bad of [
      { action_type: 'deploy' },
      { action_type: 'a:b:c' },
      { action_type: ' :x' },
      { ttl_seconds: 59 },
      { ttl_seconds: 604_801 },
      { risk_level: 'extreme' },
      { metadata: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v'])) },
    ]) {
      const response = await w.call('POST', '/approvals', { ...REQUEST, ...bad });
      expect(response.status, JSON.stringify(bad)).toBe(400);
      expect(response.body.error_code).toBe('VALIDATION_ERROR');
    }
  });

  it('approves once; a second decision gets 409 APPROVAL_NOT_PENDING', async () => {
    const approval = await submit();
    const approved = await w.call('POST', `/approvals/${approval.id}/approve`, { comment: 'go' });
    expect(approved.status).toBe(200);
    expect(approved.body.data).toMatchObject({
      status: 'approved',
      decided_by: w.admin.username,
      decision_reason: 'go',
    });
    const again = await w.call('POST', `/approvals/${approval.id}/reject`, { reason: 'late' });
    expect(again.status).toBe(409);
    expect(again.body.error_code).toBe('APPROVAL_NOT_PENDING');
  });

  it('requires a reason to reject and 404s for an unknown approval', async () => {
    const approval = await submit();
    expect((await w.call('POST', `/approvals/${approval.id}/reject`, {})).status).toBe(400);
    const rejected = await w.call('POST', `/approvals/${approval.id}/reject`, { reason: 'risky' });
    expect(rejected.body.data).toMatchObject({ status: 'rejected', decision_reason: 'risky' });
    expect((await w.call('GET', '/approvals/approval-x')).status).toBe(404);
    const missing = await w.call('POST', '/approvals/approval-x/approve', {});
    expect(missing.status).toBe(404);
    expect(missing.body.error_code).toBe('NOT_FOUND');
  });

  it('lets exactly one of many concurrent decisions win', async () => {
    const approval = await submit();
    const decisions = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        i % 2 === 0
          ? w.call('POST', `/approvals/${approval.id}/approve`, {})
          : w.call('POST', `/approvals/${approval.id}/reject`, { reason: `r${i}` }),
      ),
    );
    const winners = decisions.filter((d) => d.status === 200);
    expect(winners).toHaveLength(1);
    for (const loser of decisions.filter((d) => d.status !== 200)) {
      expect(loser.status).toBe(409);
      expect(loser.body.error_code).toBe('APPROVAL_NOT_PENDING');
    }
    const stored = await w.call('GET', `/approvals/${approval.id}`);
    expect(stored.body.data).toEqual(winners[0]?.body.data);
  });

  it('tells onDecided listeners about every decision, once, until they unsubscribe', async () => {
    const heard: Array<[string, string]> = [];
    const stop = w.t.server.context.approvals.onDecided((a) => heard.push([a.id, a.status]));
    const approved = await submit();
    const rejected = await submit();
    await w.call('POST', `/approvals/${approved.id}/approve`, {});
    await w.call('POST', `/approvals/${approved.id}/approve`, {});
    await w.call('POST', `/approvals/${rejected.id}/reject`, { reason: 'no' });
    stop();
    const later = await submit();
    await w.call('POST', `/approvals/${later.id}/approve`, {});
    expect(heard).toEqual([
      [approved.id, 'approved'],
      [rejected.id, 'rejected'],
    ]);
  });

  it('filters by status and risk and paginates', async () => {
    const action = `budget:spend${Date.now()}`.replace(/\d+$/, '');
    const low = await submit({ risk_level: 'low', action_type: action });
    await submit({ risk_level: 'low', action_type: action });
    await w.call('POST', `/approvals/${low.id}/approve`, {});
    const pending = await w.call('GET', `/approvals?status=pending&risk_level=low&limit=1`);
    expect(pending.body.pagination).toMatchObject({ total: 1, limit: 1 });
    const approved = await w.call('GET', `/approvals?status=approved&action_type=${action}`);
    expect(approved.body.data.map((a: { id: string }) => a.id)).toContain(low.id);
    expect((await w.call('GET', '/approvals?limit=201')).status).toBe(400);
  });

  it('expires an overdue approval on read exactly once and refuses to decide it', async () => {
    const approval = await submit({ ttl_seconds: 60 });
    await w.t.server.context.database.db
      .updateTable('approvals')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', approval.id)
      .execute();
    const read = await w.call('GET', `/approvals/${approval.id}`);
    expect(read.body.data.status).toBe('expired');
    const late = await w.call('POST', `/approvals/${approval.id}/approve`, {});
    expect(late.status).toBe(409);
    expect(late.body.error).toContain('expired');
    await w.call('GET', '/approvals');
    const expiries = w.t.logs
      .lines()
      .filter((line) => line.event === 'work.approval.expired' && line.approvalId === approval.id);
    expect(expiries).toHaveLength(1);
  });
});
