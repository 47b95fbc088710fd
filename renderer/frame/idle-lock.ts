import { useEffect } from 'react';

/** What counts as the clerk being at the PC. */
const ACTIVITY_EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Locks the screen after `minutes` without mouse or keyboard input (设置 → 无操作多少分钟后自动锁定):
 * calls `onIdle` once the time has passed; any input starts the time again. Off while `enabled`
 * is false (locked already, or nobody signed in).
 *
 * The server locks a session that made no call for the same time (electron/accounts/call-access.ts):
 * while the clerk works on a page without calls (reading, scrolling, typing a long form), input calls
 * `onPresent` — at most every half of the idle time, and every minute at most — to say so.
 */
export function useIdleLock(minutes: number, enabled: boolean, onIdle: () => void, onPresent?: () => void): void {
  useEffect(() => {
    if (!enabled || minutes <= 0) return undefined;
    const presenceEveryMs = Math.min(60_000, (minutes * 60_000) / 2);
    let presentAt = Date.now();
    let timer = window.setTimeout(onIdle, minutes * 60_000);
    const restart = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(onIdle, minutes * 60_000);
      if (onPresent && Date.now() - presentAt >= presenceEveryMs) {
        presentAt = Date.now();
        onPresent();
      }
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, restart, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, restart);
    };
  }, [minutes, enabled, onIdle, onPresent]);
}
