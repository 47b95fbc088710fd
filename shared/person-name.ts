/**
 * A person's name as the ledger keeps it. Rosters pad two-character names to the width of three
 * with a space, often a full-width one (「王\u3000五」), and a name is sometimes typed with a space
 * (「张 三」): a space between Chinese characters is layout, not part of the name, so the name is
 * stored and searched without it. The dot of a name of the 维吾尔族 and other peoples written in
 * Chinese (「阿依古丽·买买提」) is typed many ways (・ • . ．): it is kept as the middle dot 「·」.
 * Spaces in a name written in Latin letters are kept, one between words.
 */

const HAN = '\\p{Script=Han}';
const SPACES = /[\s\u3000\u00a0\u2000-\u200b]+/gu;
/** A space touching a Chinese character or the middle dot, on either side. */
const PADDING = new RegExp(` (?=[${HAN}·])|(?<=[${HAN}·]) `, 'gu');
/** The middle-dot look-alikes between two Chinese characters. */
const DOTS = new RegExp(`(?<=[${HAN}])[・•‧∙⋅．.･](?=[${HAN}])`, 'gu');

/**
 * The name as stored: trimmed; spaces (also full-width and no-break ones) around Chinese characters
 * removed, others collapsed to one; the dot of a transliterated name written 「·」.
 * `normalisePersonName('王\u3000五') === '王五'`, `normalisePersonName('张 三') === '张三'`.
 */
export function normalisePersonName(raw: string): string {
  return raw.replace(SPACES, ' ').trim().replace(PADDING, '').replace(DOTS, '·');
}
