import type { ReactElement, ReactNode } from 'react';
import { render, type RenderResult } from '@testing-library/react';
import { StyleProvider, type CSSObject, type Transformer } from '@ant-design/cssinjs';
import { App } from '../../renderer/app';
import type { Platform } from '../../renderer/api/client-context';
import { createAppStore, type AppStoreHook } from '../../renderer/stores/app-store';

/**
 * The CSS properties whose computed value anything in a jsdom test can observe:
 * - Testing Library, jest-dom and user-event read `display`, `visibility`, `opacity`,
 *   `pointer-events` (what is hidden, inaccessible or not clickable) and the accessible-name
 *   computation reads `display` (block children separate words) and `content`;
 * - antd and rc-component read `position` (rc-dialog traps focus only in a fixed wrapper),
 *   `overflow*` (scroll containers and the scroll lock), `white-space` (Typography ellipsis) and
 *   `resize` (TextArea).
 * Everything else (colours, sizes, fonts, borders…) jsdom cannot lay out: antd's values are
 * `var(--ant-…)` that jsdom does not resolve, and every box measures 0.
 */
const OBSERVABLE = new Set(['display', 'visibility', 'opacity', 'pointer-events', 'content', 'position', 'overflow', 'overflow-x', 'overflow-y', 'white-space', 'resize']);

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** A nested rule (selector, @media…) as cssinjs tells it from a property value (see its parseStyle). */
function isNestedRule(value: unknown): value is CSSObject {
  return typeof value === 'object' && value !== null && !('_skip_check_' in value) && !('_multi_value_' in value) && !('_keyframe' in value);
}

/** The style object with only the observable declarations, and no rule left empty. */
function keepObservable(style: CSSObject): CSSObject {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(style)) {
    if (OBSERVABLE.has(kebab(key))) {
      kept[key] = value;
    } else if (Array.isArray(value)) {
      const rules = (value.flat(Infinity) as unknown[]).filter(isNestedRule).map(keepObservable).filter((rule) => Object.keys(rule).length > 0);
      if (rules.length > 0) kept[key] = rules;
    } else if (isNestedRule(value)) {
      const rule = keepObservable(value);
      if (Object.keys(rule).length > 0) kept[key] = rule;
    }
  }
  return kept as CSSObject;
}

/**
 * antd's CSS-in-JS reduced to what jsdom can observe. jsdom matches every element against every
 * rule of every style sheet on each `getComputedStyle` (each `*ByRole` query calls it for every
 * candidate and its ancestors): with antd's 2,600 rules that was 80 % of the renderer tests' time.
 * The rules that set an observable property are kept, in their order, so every element's
 * computed `display`, `visibility`, `opacity`, `pointer-events`… is exactly what it was.
 */
const observableOnly: Transformer = { visit: keepObservable };

export function AntdInJsdom({ children }: { children: ReactNode }) {
  return <StyleProvider transformers={[observableOnly]}>{children}</StyleProvider>;
}

/** Renders a React tree with antd's styles reduced for jsdom (see {@link AntdInJsdom}). */
export function renderInJsdom(ui: ReactElement): RenderResult {
  return render(<AntdInJsdom>{ui}</AntdInJsdom>);
}

/** Renders the whole renderer (locale, theme, platform, store, frame) as the window shows it. */
export function renderApp(platform: Platform, store: AppStoreHook = createAppStore()): RenderResult {
  return renderInJsdom(<App platform={platform} store={store} />);
}
