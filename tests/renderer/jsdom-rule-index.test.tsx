import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Platform } from '../../renderer/api/client-context';
import { jsdomStyleRules } from '../support/jsdom-rule-index';
import { openRosterTestApp, staffForm, type RosterTestApp } from '../support/roster-client';
import { renderApp } from './render-app';

/**
 * The renderer tests' jsdom tests each style rule against the classes, id and tag its selector
 * names before the full match (tests/support/jsdom-rule-index.ts). It must change no computed
 * style: for every element of a busy page, its declaration equals the one jsdom's own code gives.
 */
let app: RosterTestApp;
afterEach(() => app.close());

/** Each element's declared style, by the given function, from an empty cache. */
function declarationsBy(get: (element: unknown) => { cssText: string }): string[] {
  const implSymbol = Object.getOwnPropertySymbols(document.body).find((s) => String(s) === 'Symbol(impl)')!;
  const documentImpl = (document as unknown as Record<symbol, { _styleCache: unknown }>)[implSymbol];
  documentImpl._styleCache = null;
  return [...document.querySelectorAll('*')].map((element) => `${element.tagName}.${element.className}: ${get((element as unknown as Record<symbol, unknown>)[implSymbol]).cssText}`);
}

describe('jsdom with the rule index', () => {
  it('gives every element of the roster page, with the 新增人员 drawer and a drop-down open, the style jsdom gives it', async () => {
    const rules = jsdomStyleRules();
    expect(rules.jsdomOwnGetDeclarationForElement, 'the renderer project runs in tests/support/jsdom-environment.ts').toBeTypeOf('function');
    app = await openRosterTestApp();
    await app.client.call('staff.save', staffForm());
    const platform: Platform = { client: app.client, files: { save: async () => ({ saved: true }), open: async () => [] } };
    renderApp(platform);
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('menuitem', { name: /人员档案/ }));
    await user.click(await screen.findByRole('button', { name: /新增人员/ }));
    const drawer = await waitFor(() => screen.getByText('新增人员', { selector: '.ant-drawer-title' }).closest<HTMLElement>('[role="dialog"]')!);
    await user.click(within(drawer).getAllByRole('combobox')[0]);
    await screen.findByRole('listbox');

    const indexed = declarationsBy(rules.getDeclarationForElement as never);
    const own = declarationsBy(rules.jsdomOwnGetDeclarationForElement as never);
    expect(indexed.length).toBeGreaterThan(500);
    expect(indexed).toEqual(own);
    // The page's styles are not trivially empty: some elements are hidden, some laid out as blocks.
    expect(own.some((line) => line.includes('display: none'))).toBe(true);
  });
});
