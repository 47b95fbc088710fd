import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// jsdom lacks a few browser APIs antd relies on; these stand-ins answer "no size" and match no
// media query but one: the system asks for no animations (the app then turns antd's motion off, as
// on an office PC set that way; the e2e tests' Chromium is set so too). jsdom runs no transitions:
// antd waited for its motion deadlines instead.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: query.replace(/\s/g, '') === '(prefers-reduced-motion:reduce)',
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  }),
});

class ResizeObserverStandIn {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= ResizeObserverStandIn as unknown as typeof ResizeObserver;

const originalGetComputedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (element: Element, pseudo?: string | null) => originalGetComputedStyle(element, pseudo ? undefined : pseudo);

afterEach(() => cleanup());

// `findBy…` and `waitFor` give up after 1 s by default: on a 2-core machine running Chromium and
// another test file beside this one, a page that answers in 0.3 s alone can take longer. What they
// wait for must still appear; they only wait longer for it.
configure({ asyncUtilTimeout: 10_000 });
