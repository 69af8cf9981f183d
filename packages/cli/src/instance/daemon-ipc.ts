import { z } from 'zod';

/** What a detached instance tells the `synthorg start` that spawned it, over the IPC channel. */
export const daemonMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), api_url: z.string(), dashboard_url: z.string() }),
  z.object({ type: z.literal('failed'), message: z.string() }),
]);
export type DaemonMessage = z.infer<typeof daemonMessageSchema>;

/** Sends to the parent if there is one; resolves once the message is handed to the channel. */
export function notifyParent(message: DaemonMessage): Promise<void> {
  const send = process.send?.bind(process);
  if (!send || !process.connected) return Promise.resolve();
  return new Promise((resolve) => {
    send(message, undefined, {}, () => resolve());
  });
}
