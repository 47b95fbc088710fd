import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * jsdom's `getComputedStyle`, with each style rule first tested against what its selector demands
 * of the element itself — a tag, an id, classes — before jsdom's full selector match.
 *
 * Why: after every DOM change jsdom forgets every element's style and, at the next
 * `getComputedStyle`, matches each element it asks about against every rule of every sheet (its
 * own 112 and antd's). Testing Library calls it for each candidate of a `*ByRole` query and each
 * node of an accessible name, user-event for each element it clicks or types into: that matching
 * was 40 % of the jsdom tests' time. A rule whose selector names a class the element does not have
 * cannot match it, and most rules do name one: those are skipped without the full match.
 *
 * The result is exactly jsdom's: the same rules, in the same order, the same media handling, the
 * same cache (cleared on the same DOM changes); a selector this reading does not understand (an
 * escape, a namespace) always goes to the full match. jsdom has no hook for this, so it replaces
 * the exported `getDeclarationForElement` of jsdom's `style-rules.js` before jsdom's window code
 * reads it ({@link installJsdomRuleIndex}); `package-lock.json` pins the jsdom it was written for.
 */

interface ElementImpl {
  _localName: string;
  _ownerDocument: DocumentImpl;
  _attached: boolean;
  style: CssDeclaration;
  getAttributeNS(namespace: string | null, name: string): string | null;
}
interface DocumentImpl {
  _styleCache: WeakMap<ElementImpl, CssDeclaration> | null;
  _domSelector: { check(selector: string, element: ElementImpl): { match: boolean; pseudoElement: string | null } };
  styleSheets: { _list: CssSheet[] };
  compatMode: string;
}
interface CssDeclaration extends ArrayLike<string> {
  getPropertyValue(property: string): string;
  getPropertyPriority(property: string): string;
  setProperty(property: string, value: string, priority?: string): void;
  removeProperty(property: string): void;
}
interface CssRule {
  constructor: { name: string };
  selectorText?: string;
  style: CssDeclaration;
  media?: ArrayLike<string>;
  cssRules?: ArrayLike<CssRule>;
  styleSheet?: CssSheet | null;
}
interface CssSheet {
  cssRules: ArrayLike<CssRule>;
}

/** What one selector of a list demands of the element itself (its rightmost compound). */
interface Demand {
  tag: string | null;
  id: string | null;
  classes: string[];
}

/** Per rule: the demands of its selectors, or null when one of them could match any element. */
const demandsOfRule = new WeakMap<CssRule, Demand[] | null>();

/** Splits at top-level occurrences of the characters in `stops` (outside (), [] and quotes). */
function topLevelParts(text: string, isStop: (char: string) => boolean): string[] | null {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === '\\') return null;
    if (quote) {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '(' || char === '[') depth += 1;
    else if (char === ')' || char === ']') depth -= 1;
    else if (depth === 0 && isStop(char)) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (depth !== 0 || quote) return null;
  parts.push(text.slice(start));
  return parts;
}

/** The tag, id and classes a compound selector names outside its brackets and pseudo-classes; null when unsure. */
function demandOfCompound(compound: string): Demand | null {
  if (compound.includes('|')) return null;
  const demand: Demand = { tag: null, id: null, classes: [] };
  let i = 0;
  const isNameChar = (char: string | undefined) => char !== undefined && (/[\w-]/.test(char) || char.charCodeAt(0) > 127);
  const name = () => {
    const start = i;
    while (isNameChar(compound[i])) i += 1;
    return compound.slice(start, i);
  };
  /** Skips from an opening bracket to its closing one (quotes and nesting respected). */
  const skipBracket = () => {
    let depth = 0;
    let quote = '';
    for (; i < compound.length; i += 1) {
      const char = compound[i];
      if (quote) {
        if (char === quote) quote = '';
      } else if (char === '"' || char === "'") quote = char;
      else if (char === '(' || char === '[') depth += 1;
      else if (char === ')' || char === ']') {
        depth -= 1;
        if (depth === 0) {
          i += 1;
          return;
        }
      }
    }
  };
  if (compound[0] === '*') i = 1;
  else {
    const tag = name();
    if (tag) demand.tag = tag.toLowerCase();
  }
  while (i < compound.length) {
    const char = compound[i];
    if (char === '.' || char === '#') {
      i += 1;
      const value = name();
      if (!value) return null;
      if (char === '.') demand.classes.push(value);
      else demand.id = value;
    } else if (char === '[') {
      skipBracket(); // an attribute condition: it only narrows
    } else if (char === ':') {
      i += compound[i + 1] === ':' ? 2 : 1;
      if (!name()) return null;
      if (compound[i] === '(') skipBracket(); // :not(…), :where(…), :hover: they only narrow
    } else {
      return null;
    }
  }
  return demand;
}

function demandsOf(rule: CssRule): Demand[] | null {
  if (demandsOfRule.has(rule)) return demandsOfRule.get(rule)!;
  let demands: Demand[] | null = [];
  const selectors = topLevelParts((rule.selectorText ?? '').split(';').pop()!.trim(), (c) => c === ',');
  for (const selector of selectors ?? [null]) {
    const compounds = selector === null ? null : topLevelParts(selector.trim(), (c) => c === ' ' || c === '>' || c === '+' || c === '~' || c === '\n' || c === '\t');
    const rightmost = compounds?.filter((part) => part !== '').at(-1);
    const demand = rightmost ? demandOfCompound(rightmost) : null;
    if (!demand || (!demand.tag && !demand.id && demand.classes.length === 0)) {
      demands = null;
      break;
    }
    demands.push(demand);
  }
  demandsOfRule.set(rule, demands);
  return demands;
}

/** False only when no selector of the rule can match this element. */
function mayMatch(rule: CssRule, element: ElementImpl, classes: Set<string>): boolean {
  const demands = demandsOf(rule);
  if (!demands) return true;
  return demands.some(
    (d) =>
      (d.tag === null || d.tag === element._localName.toLowerCase()) &&
      (d.id === null || d.id === element.getAttributeNS(null, 'id')) &&
      d.classes.every((c) => classes.has(c)),
  );
}

/** jsdom's own test of one rule against one element (style-rules.js `matches`). */
function matches(rule: CssRule, element: ElementImpl): boolean {
  try {
    if (rule.selectorText) {
      const selector = rule.selectorText.split(';').pop()!.trim();
      const { match, pseudoElement } = element._ownerDocument._domSelector.check(selector, element);
      return pseudoElement ? false : match;
    }
  } catch {
    // An unsupported selector matches nothing, as in jsdom.
  }
  return false;
}

type GetDeclaration = (element: ElementImpl) => CssDeclaration;

/** jsdom's style-rules module: its `getDeclarationForElement`, and jsdom's own once replaced. */
export function jsdomStyleRules(): { getDeclarationForElement: GetDeclaration; jsdomOwnGetDeclarationForElement?: GetDeclaration } {
  return createRequire(createRequire(import.meta.url).resolve('jsdom'))('./jsdom/living/helpers/style-rules.js');
}

/**
 * Replaces jsdom's `getDeclarationForElement` (see the file comment). Call before jsdom's window
 * module is loaded: the vitest environment of the renderer tests does.
 */
export function installJsdomRuleIndex(): void {
  const jsdomRequire = createRequire(createRequire(import.meta.url).resolve('jsdom'));
  const styleRules = jsdomStyleRules();
  if (styleRules.jsdomOwnGetDeclarationForElement) return;
  styleRules.jsdomOwnGetDeclarationForElement = styleRules.getDeclarationForElement;
  const { CSSStyleDeclaration } = jsdomRequire('cssstyle') as { CSSStyleDeclaration: new () => CssDeclaration };
  const cssom = jsdomRequire('@acemir/cssom') as { parse(text: string): CssSheet };
  const jsdomLib = dirname(jsdomRequire.resolve('./jsdom/living/helpers/style-rules.js'));
  const defaultSheet = cssom.parse(readFileSync(join(jsdomLib, '../../browser/default-stylesheet.css'), 'utf-8'));

  function forEachMatchingRule(element: ElementImpl, handle: (rule: CssRule) => void): void {
    const document = element._ownerDocument;
    const classes = new Set((element.getAttributeNS(null, 'class') ?? '').split(/[ \t\n\f\r]+/).filter(Boolean));
    // In quirks mode classes and ids match case-insensitively: every rule then takes the full match.
    const quick = document.compatMode === 'CSS1Compat';
    const consider = (rule: CssRule) => {
      if ((!quick || mayMatch(rule, element, classes)) && matches(rule, element)) handle(rule);
    };
    const handleSheet = (sheet: CssSheet) => {
      for (const rule of Array.from(sheet.cssRules)) {
        if (rule.media) {
          if (rule.constructor.name === 'CSSImportRule') {
            if (rule.styleSheet && (rule.media.length === 0 || Array.from(rule.media).includes('screen'))) Array.from(rule.styleSheet.cssRules).forEach(consider);
          } else if (Array.from(rule.media).includes('screen')) {
            Array.from(rule.cssRules ?? []).forEach(consider);
          }
        } else {
          consider(rule);
        }
      }
    };
    handleSheet(defaultSheet);
    document.styleSheets._list.forEach(handleSheet);
  }

  styleRules.getDeclarationForElement = (element) => {
    const document = element._ownerDocument;
    const cache = (document._styleCache ??= new WeakMap());
    const cached = cache.get(element);
    if (cached) return cached;
    const declaration = new CSSStyleDeclaration();
    const handleProperty = (style: CssDeclaration, property: string) => {
      const value = style.getPropertyValue(property);
      if (value === 'unset') declaration.removeProperty(property);
      else declaration.setProperty(property, value, style.getPropertyPriority(property));
    };
    forEachMatchingRule(element, (rule) => Array.from(rule.style).forEach((property) => handleProperty(rule.style, property)));
    Array.from(element.style).forEach((property) => handleProperty(element.style, property));
    cache.set(element, declaration);
    return declaration;
  };
}
