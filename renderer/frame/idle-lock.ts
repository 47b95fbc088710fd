import { useEffect } from 'react';

/** What counts as the clerk being at the PC. */
const ACTIVITY_EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Locks the screen after `minutes` without mouse or keyboard input (设置 → 无操作多少分钟后自动锁定):
 * calls `onIdle` once the time has passed; any input starts the time again. Off while `enabled`
 * is false (locked already, or nobody signed in).
 */
export function useIdleLock(minutes: number, enabled: boolean, onIdle: () => void): void {
  useEffect(() => {
    if (!enabled || minutes <= 0) return undefined;
    let timer = window.setTimeout(onIdle, minutes * 60_000);
    const restart = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(onIdle, minutes * 60_000);
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, restart, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, restart);
    };
  }, [minutes, enabled, onIdle]);
}
