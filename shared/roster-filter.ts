import { staffStatuses, type RosterFilter, type StaffListItem, type StaffStatus } from './staff-record';

/**
 * The roster's filter, shared by the roster page and the Excel export so that "export" always
 * means "what the page shows now".
 */

/** The statuses shown when the filter names none: active staff only (DOMAIN.md, staff status). */
export const defaultRosterStatuses: readonly StaffStatus[] = ['在职'];

/** Lower-case, half-width, without spaces: what the clerk typed, ready to compare. */
function normaliseQuery(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** A stored name without spaces (one entered before names were normalised on save: 「王\u3000五」). */
function compactName(name: string): string {
  return /\s/.test(name) ? name.replace(/\s+/g, '') : name;
}

/**
 * Whether a person matches the search box: a substring of the name (spaces ignored on both sides,
 * so 「张 三」 typed finds 张三 and 「王五」 finds a 「王\u3000五」 stored long ago); the pinyin initials (`zs`
 * finds 张三) or the full pinyin, whole or partial (`zhangsan`, `zhangs`); a fragment of the ID
 * number (a lower-case x matches X); a fragment of the 警号/辅警编号. Case and full-width letters
 * are ignored; an empty query matches everyone.
 */
export function matchesRosterSearch(item: StaffListItem, query: string): boolean {
  return rosterSearchMatcher(query)(item);
}

/** What the search compares of one person, normalised like the query. */
interface SearchKeys {
  /** The person these keys were made for. */
  item: StaffListItem;
  name: string;
  idNumber: string;
  badgeNo: string | null;
}

/**
 * Each person's search keys, made once per list item: the roster filters the same 5,000 items at
 * every keystroke, and normalising each person's name, ID number and 警号 again each time cost four
 * times the search itself. A list reloaded from the server brings new items (and new keys).
 */
const searchKeysOf = new WeakMap<StaffListItem, SearchKeys>();

function searchKeys(item: StaffListItem): SearchKeys {
  let keys = searchKeysOf.get(item);
  if (!keys) {
    keys = { item, name: compactName(item.name).toLowerCase(), idNumber: item.idNumber.toLowerCase(), badgeNo: item.badgeNo !== null ? normaliseQuery(item.badgeNo) : null };
    searchKeysOf.set(item, keys);
  }
  return keys;
}

/**
 * The search keys of a whole list, in its order, made once per list: a filter then reads them by
 * position instead of looking each person up (5,000 lookups per keystroke cost as much as the
 * search itself).
 */
const searchKeysOfList = new WeakMap<readonly StaffListItem[], SearchKeys[]>();

function listSearchKeys(items: readonly StaffListItem[]): SearchKeys[] {
  let keys = searchKeysOfList.get(items);
  if (!keys) {
    keys = items.map(searchKeys);
    searchKeysOfList.set(items, keys);
  }
  // A list sorted or edited in place since: the positions that moved are looked up again.
  if (keys.length !== items.length) keys.length = items.length;
  for (let i = 0; i < items.length; i += 1) if (keys[i]?.item !== items[i]) keys[i] = searchKeys(items[i]);
  return keys;
}

/** The search of one normalised, non-empty query against a person and their keys. */
type KeyedSearch = (item: StaffListItem, keys: SearchKeys) => boolean;

function keyedSearch(q: string): KeyedSearch {
  const pinyin = /^[a-z]+$/.test(q);
  return (item, keys) =>
    keys.name.includes(q) ||
    (pinyin && (item.nameInitials.includes(q) || item.namePinyin.includes(q))) ||
    keys.idNumber.includes(q) ||
    (keys.badgeNo !== null && keys.badgeNo.includes(q));
}

/**
 * The search as a test to run over many people: the query is normalised once, not per person
 * (the roster filters 5,000 people on every keystroke).
 */
export function rosterSearchMatcher(query: string): (item: StaffListItem) => boolean {
  const q = normaliseQuery(query);
  if (q === '') return () => true;
  const search = keyedSearch(q);
  return (item) => search(item, searchKeys(item));
}

const flagTests: Record<NonNullable<RosterFilter['flags']>[number], (item: StaffListItem) => boolean> = {
  partyMember: (item) => item.partyMember,
  unionMember: (item) => item.unionMember,
  hardship: (item) => item.hardship,
  heroModel: (item) => item.heroModel,
  disabled: (item) => item.disabilityLevel !== null,
};

/**
 * The people a filter selects, in the given order. Statuses default to 在职 when the filter does
 * not name any (`statuses` undefined); an empty list of statuses, categories or positions means
 * "any". Every flag listed must hold (困难职工 and 党员 = both).
 */
export function filterRoster(items: StaffListItem[], filter: RosterFilter = {}): StaffListItem[] {
  const statuses = new Set<string>(filter.statuses ?? defaultRosterStatuses);
  const categories = new Set<string>(filter.categories ?? []);
  const positions = new Set<string>(filter.positions ?? []);
  const stations = new Set<string>(filter.stationCodes ?? []);
  const flags = (filter.flags ?? []).map((flag) => flagTests[flag]);
  const q = normaliseQuery(filter.search ?? '');
  const search = q === '' ? null : keyedSearch(q);
  const keys = search ? listSearchKeys(items) : [];
  const selected: StaffListItem[] = [];
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i];
    if (
      (statuses.size === 0 || statuses.has(item.status)) &&
      (categories.size === 0 || categories.has(item.category)) &&
      (positions.size === 0 || (item.position !== null && positions.has(item.position))) &&
      (stations.size === 0 || (item.stationCode !== null && stations.has(item.stationCode))) &&
      (flags.length === 0 || flags.every((test) => test(item))) &&
      (search === null || search(item, keys[i]))
    ) {
      selected.push(item);
    }
  }
  return selected;
}

/**
 * The people a search finds that the filter's statuses hide (退休, 调出 … under the default 在职):
 * everything else about the filter kept, only the statuses not chosen. Empty without a search.
 */
export function hiddenByStatusFilter(items: StaffListItem[], filter: RosterFilter = {}): StaffListItem[] {
  if (!filter.search || filter.search.trim() === '') return [];
  const chosen = filter.statuses ?? defaultRosterStatuses;
  if (chosen.length === 0) return [];
  const others = staffStatuses.filter((status) => !chosen.includes(status));
  if (others.length === 0) return [];
  return filterRoster(items, { ...filter, statuses: others });
}
