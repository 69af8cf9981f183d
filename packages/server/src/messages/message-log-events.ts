/** Log event names of the message domain. */
export const MESSAGE_LOG = { sent: 'work.message.sent' } as const;
