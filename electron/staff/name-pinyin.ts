import { pinyin } from 'pinyin-pro';

/** A name's pinyin for the search box: full (`zhangsan`) and initials (`zs`). */
export interface NamePinyin {
  full: string;
  initials: string;
}

const cache = new Map<string, NamePinyin>();
const CACHE_LIMIT = 50_000;

/**
 * The pinyin of a person's name, without tones or spaces, lower-case, with ü written `v` as people
 * type it (吕 → lv). Surnames are read as surnames (pinyin-pro's `surname` mode: 单 shan, 曾 zeng,
 * 解 xie, 尉迟 yuchi). Letters of a non-Chinese name are kept; the middle dot of a minority name is
 * dropped. Cached by name, so the roster of 5,000 people costs one conversion per distinct name.
 */
export function namePinyinOf(name: string): NamePinyin {
  const cached = cache.get(name);
  if (cached) return cached;
  const syllables = pinyin(name, { toneType: 'none', type: 'array', mode: 'surname', v: true, nonZh: 'consecutive' })
    .map((s) => s.toLowerCase().replace(/[^a-z]/g, ''))
    .filter((s) => s !== '');
  const value = { full: syllables.join(''), initials: syllables.map((s) => s[0]).join('') };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(name, value);
  return value;
}
