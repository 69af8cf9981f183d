import { useEffect, useState, useSyncExternalStore } from 'react';
import { useSearchParams } from 'react-router';

import { browserTimers, createDebouncedCell, type DebounceTimers } from './debounced-cell.ts';

/** How long typing must pause before a filter is applied. */
export const FILTER_DEBOUNCE_MS = 300;

/**
 * `value`, but only after it has stopped changing for `delayMs`: a filter input can update on
 * every keystroke while the request it drives is sent once per pause.
 */
export function useDebouncedValue<T>(
  value: T,
  delayMs = FILTER_DEBOUNCE_MS,
  timers: DebounceTimers = browserTimers,
): T {
  const [cell] = useState(() => createDebouncedCell(value, delayMs, timers));
  useEffect(() => cell.set(value), [cell, value]);
  useEffect(() => () => cell.dispose(), [cell]);
  return useSyncExternalStore(cell.subscribe, cell.get);
}

/**
 * A text filter kept in the URL's `key` parameter: the input follows every keystroke, the URL
 * (and so the request it drives) only the settled text. A URL change from elsewhere (back,
 * a link) replaces the text.
 */
export function useDebouncedSearchParam(key: string): [string, (value: string) => void] {
  const [params, setParams] = useSearchParams();
  const current = params.get(key) ?? '';
  const [draft, setDraft] = useState(current);
  const [seen, setSeen] = useState(current);
  if (seen !== current) {
    setSeen(current);
    setDraft(current);
  }
  const settled = useDebouncedValue(draft);

  useEffect(() => {
    // Only a settled draft goes to the URL; a stale settled value after a URL change does not.
    if (settled !== draft || settled === current) return;
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (settled) next.set(key, settled);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  }, [settled, draft, current, key, setParams]);

  return [draft, setDraft];
}
