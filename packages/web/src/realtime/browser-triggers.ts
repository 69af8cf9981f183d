import type { Connection } from './connection.ts';

/**
 * Wires the browser signals that a link may be back: the network returned, or the tab became
 * visible again (timers are throttled in hidden tabs, so a dead socket may have gone unseen).
 * Returns the unbind function.
 */
export function bindBrowserTriggers(
  connection: Pick<Connection, 'nudge'>,
  target: Pick<Window, 'addEventListener' | 'removeEventListener'>,
  doc: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'>,
): () => void {
  const onOnline = () => connection.nudge();
  const onVisibility = () => {
    if (doc.visibilityState === 'visible') connection.nudge();
  };
  target.addEventListener('online', onOnline);
  doc.addEventListener('visibilitychange', onVisibility);
  return () => {
    target.removeEventListener('online', onOnline);
    doc.removeEventListener('visibilitychange', onVisibility);
  };
}
