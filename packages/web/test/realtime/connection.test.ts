import { describe, expect, it } from 'vitest';

import { AuthLostError } from '../../src/realtime/connection.ts';
import { createHarness, taskEvent } from './support/harness.ts';
import { flushMicrotasks } from './support/manual-clock.ts';

async function goLive(harness: ReturnType<typeof createHarness>) {
  harness.connection.start();
  await harness.clock.advance(0);
  const socket = harness.lastSocket();
  socket.open();
  socket.receive({ action: 'subscribed', channels: ['tasks', 'approvals'], positions: {} });
  return socket;
}

describe('connection client', () => {
  it('goes live only after the subscribe ack and subscribes with the ticket in the URL', async () => {
    const harness = createHarness();
    harness.connection.start();
    await harness.clock.advance(0);

    const socket = harness.lastSocket();
    expect(socket.url).toBe('ws://dashboard.test/api/v1/ws?ticket=ticket-1');
    expect(harness.status()).toBe('connecting');
    socket.open();
    expect(socket.sentFrames()).toEqual([
      { action: 'subscribe', channels: ['tasks', 'approvals'] },
    ]);
    expect(harness.status()).toBe('connecting');

    socket.receive({ action: 'subscribed', channels: ['tasks', 'approvals'], positions: {} });
    expect(harness.status()).toBe('live');
  });

  it('issues no ticket when started and stopped in the same turn (a remount)', async () => {
    const harness = createHarness();
    harness.connection.start();
    harness.connection.stop();
    harness.connection.start();
    await harness.clock.advance(0);
    expect(harness.tickets).toEqual(['ticket-1']);
  });

  it('fetches a fresh ticket for every attempt', async () => {
    const harness = createHarness();
    harness.connection.start();
    await harness.clock.advance(0);
    for (let i = 0; i < 5; i += 1) {
      harness.lastSocket().serverClose(1006);
      await harness.clock.advance(31_000);
    }

    // Connect timeouts add attempts of their own; each one still has its own ticket.
    expect(harness.tickets.length).toBeGreaterThanOrEqual(6);
    expect(new Set(harness.tickets).size).toBe(harness.tickets.length);
    expect(harness.sockets.map((socket) => socket.url)).toEqual(
      harness.tickets.map((ticket) => `ws://dashboard.test/api/v1/ws?ticket=${ticket}`),
    );
  });

  it('resubscribes with since from the last event and seeds unseen channels from the ack', async () => {
    const harness = createHarness();
    const socket = await goLive(harness);
    socket.receive({
      action: 'subscribed',
      channels: ['tasks', 'approvals'],
      positions: { approvals: { offset: 7, epoch: 'e1' } },
    });
    socket.receive(taskEvent(3));
    socket.receive(taskEvent(4));
    socket.receive(taskEvent(4));
    expect(harness.events.map((event) => event.id)).toEqual([3, 4]);

    socket.serverClose(1001);
    await harness.clock.advance(3_000);
    const next = harness.lastSocket();
    next.open();
    expect(next.sentFrames()[0]).toEqual({
      action: 'subscribe',
      channels: ['tasks', 'approvals'],
      since: { approvals: { offset: 7, epoch: 'e1' }, tasks: { offset: 4, epoch: 'e1' } },
    });
  });

  it('asks for a REST refetch on resync_required and adopts the new epoch from the ack', async () => {
    const harness = createHarness();
    const socket = await goLive(harness);
    socket.receive(taskEvent(9, 'old'));
    socket.receive({
      action: 'subscribed',
      channels: ['tasks'],
      positions: { tasks: { offset: 0, epoch: 'new' } },
    });
    socket.receive({ action: 'resync_required', channels: ['tasks', 'not-a-channel'] });

    expect(harness.resyncs).toEqual([['tasks']]);
    expect(harness.connection.positions().tasks).toEqual({ offset: 0, epoch: 'new' });
  });

  it('treats an unanswered ping as a half-open socket and reconnects', async () => {
    const harness = createHarness({ options: { pingIntervalMs: 10_000, pongTimeoutMs: 5_000 } });
    const socket = await goLive(harness);

    await harness.clock.advance(10_000);
    expect(socket.sentFrames().at(-1)).toEqual({ action: 'ping' });
    socket.receive({ action: 'pong' });
    await harness.clock.advance(10_000);
    expect(harness.status()).toBe('live');

    await harness.clock.advance(5_000);
    expect(harness.status()).toBe('reconnecting');
    expect(socket.closedWith).toBe(4000);
    await harness.clock.advance(2_000);
    expect(harness.sockets).toHaveLength(2);
  });

  it('returns to login on close 4011 and never reconnects', async () => {
    const harness = createHarness();
    const socket = await goLive(harness);
    socket.serverClose(4011, 'login_revoked');
    await harness.clock.advance(120_000);

    expect(harness.authLost).toEqual(['login_revoked']);
    expect(harness.sockets).toHaveLength(1);
    expect(harness.status()).toBe('idle');
  });

  it('returns to login when the ticket endpoint says the login is gone', async () => {
    const harness = createHarness({
      fetchTicket: async () => {
        throw new AuthLostError('401');
      },
    });
    harness.connection.start();
    await harness.clock.advance(0);
    expect(harness.authLost).toEqual(['ticket_rejected']);
    expect(harness.sockets).toHaveLength(0);
  });

  it('retries a rejected ticket (4001) with a fresh one', async () => {
    const harness = createHarness();
    harness.connection.start();
    await harness.clock.advance(0);
    harness.lastSocket().serverClose(4001, 'invalid_or_expired');
    await harness.clock.advance(2_000);
    expect(harness.tickets).toEqual(['ticket-1', 'ticket-2']);
    expect(harness.authLost).toEqual([]);
  });

  it('gives up after maxAttempts and starts over on retryNow', async () => {
    const harness = createHarness({ options: { maxAttempts: 3 } });
    harness.connection.start();
    await harness.clock.advance(0);
    for (let i = 0; i < 4; i += 1) {
      harness.lastSocket().serverClose(1006);
      await harness.clock.advance(30_000);
    }
    expect(harness.status()).toBe('offline');
    expect(harness.sockets).toHaveLength(4);

    harness.connection.retryNow();
    await flushMicrotasks();
    expect(harness.sockets).toHaveLength(5);
    harness.lastSocket().open();
    harness.lastSocket().receive({ action: 'subscribed', channels: [], positions: {} });
    expect(harness.status()).toBe('live');
  });
});
