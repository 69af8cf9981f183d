import type { Channel, WsEvent } from '@synthorg/shared';

import {
  type AuthLostReason,
  type ConnectionOptions,
  type ConnectionSnapshot,
  createConnection,
} from '../../../src/realtime/connection.ts';
import { FakeSocket } from './fake-socket.ts';
import { createManualClock } from './manual-clock.ts';

export interface HarnessOptions {
  random?: () => number;
  options?: Partial<ConnectionOptions>;
  fetchTicket?: () => Promise<string>;
}

/** A connection wired to a manual clock and fake sockets, recording everything it reports. */
export function createHarness(harnessOptions: HarnessOptions = {}) {
  const clock = createManualClock();
  const sockets: FakeSocket[] = [];
  const tickets: string[] = [];
  const events: WsEvent[] = [];
  const resyncs: Channel[][] = [];
  const snapshots: ConnectionSnapshot[] = [];
  const authLost: AuthLostReason[] = [];
  let issued = 0;

  const connection = createConnection({
    url: 'ws://dashboard.test/api/v1/ws',
    channels: ['tasks', 'approvals'],
    fetchTicket:
      harnessOptions.fetchTicket ??
      (async () => {
        issued += 1;
        const ticket = `ticket-${issued}`;
        tickets.push(ticket);
        return ticket;
      }),
    onEvent: (event) => events.push(event),
    onResync: (channels) => resyncs.push(channels),
    onSnapshot: (snapshot) => snapshots.push(snapshot),
    onAuthLost: (reason) => authLost.push(reason),
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    timers: clock,
    random: harnessOptions.random ?? (() => 0.5),
    options: harnessOptions.options,
  });

  return {
    clock,
    connection,
    sockets,
    tickets,
    events,
    resyncs,
    snapshots,
    authLost,
    status: () => snapshots.at(-1)?.status ?? 'idle',
    lastSocket: () => {
      const socket = sockets.at(-1);
      if (!socket) throw new Error('no socket was opened');
      return socket;
    },
  };
}

export function taskEvent(id: number, epoch = 'e1'): WsEvent {
  return {
    id,
    epoch,
    event_type: 'task.created',
    channel: 'tasks',
    timestamp: '2026-01-01T00:00:00.000Z',
    payload: { id: `task-${id}` },
  };
}
