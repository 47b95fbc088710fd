import { z } from 'zod';

/** Zod's own messages in Simplified Chinese, for any schema that does not give its own message. */
z.config(z.locales.zhCN());

/** Dashes a Chinese input method types in place of `-` (NFKC keeps them as they are). */
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63]/g;

/**
 * A code typed with a Chinese input method, cleaned up: full-width letters, digits and dashes made
 * half-width (NFKC), other dashes made `-`, every space (also the full-width one) removed. For ID
 * numbers, station codes, badge numbers and phone numbers, where a space is never part of the value.
 */
export function halfWidthNoSpaces(text: string): string {
  return text.normalize('NFKC').replace(DASHES, '-').replace(/\s+/g, '');
}
