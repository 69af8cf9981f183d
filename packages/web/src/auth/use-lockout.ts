import { useEffect, useState } from 'react';

/**
 * Counts down the server's `Retry-After` after a `LOGIN_LOCKED` answer, so the form can say
 * how long to wait and keep the button disabled until then.
 */
export function useLockout() {
  const [until, setUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (until === null) return;
    const timer = setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= until) setUntil(null);
    }, 1000);
    return () => clearInterval(timer);
  }, [until]);

  const secondsLeft = until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
  return {
    locked: secondsLeft > 0,
    secondsLeft,
    lockFor(seconds: number) {
      const start = Date.now();
      setNow(start);
      setUntil(start + seconds * 1000);
    },
  };
}
