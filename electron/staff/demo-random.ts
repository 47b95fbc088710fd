import { base, en, Faker, zh_CN } from '@faker-js/faker';
import { addDays, daysBetween } from '../../shared/china-date';

/**
 * The random source of the demo data: `@faker-js/faker` with the zh_CN locale, seeded, so the same
 * seed always gives the same people (names, ID numbers, dates) on the same day.
 */
export class DemoRandom {
  readonly faker: Faker;

  constructor(seed: number) {
    this.faker = new Faker({ locale: [zh_CN, en, base], seed });
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return this.faker.number.int({ min, max });
  }

  /** True with the given probability. */
  chance(probability: number): boolean {
    return this.faker.datatype.boolean({ probability });
  }

  pick<T>(values: readonly T[]): T {
    return this.faker.helpers.arrayElement(values);
  }

  /** A value picked by weight: `[[value, weight], …]`. */
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    return this.faker.helpers.weightedArrayElement(entries.map(([value, weight]) => ({ value, weight })));
  }

  /** A date in [from, to] (both `YYYY-MM-DD`); `from` when the range is empty. */
  dateBetween(from: string, to: string): string {
    const span = daysBetween(from, to);
    return span <= 0 ? from : addDays(from, this.int(0, span));
  }
}

/** The most common surnames, weighted by frequency, so the demo roster reads like a real one. */
const COMMON_SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['王', 72], ['李', 70], ['张', 68], ['刘', 53], ['陈', 45], ['杨', 31], ['黄', 25], ['赵', 20], ['吴', 19], ['周', 19],
  ['徐', 14], ['孙', 13], ['马', 12], ['朱', 12], ['胡', 11], ['郭', 11], ['何', 10], ['林', 9], ['高', 9], ['罗', 9],
  ['郑', 8], ['梁', 8], ['谢', 7], ['宋', 6], ['唐', 6], ['许', 6], ['韩', 5], ['冯', 5], ['邓', 5], ['曹', 5],
  ['沈', 5], ['钱', 4], ['蒋', 4], ['俞', 3], ['单', 1], ['曾', 3],
];

/** A surname: usually a common one, sometimes any surname the zh_CN locale knows. */
export function demoSurname(random: DemoRandom): string {
  return random.chance(0.75) ? random.weighted(COMMON_SURNAMES) : random.faker.person.lastName();
}

/** A given name of one or two characters for the sex. */
export function demoGivenName(random: DemoRandom, sex: 'male' | 'female'): string {
  return random.faker.person.firstName(sex);
}

/** A mainland mobile number (13x, 15x, 17x, 18x, 19x). */
export function demoMobile(random: DemoRandom): string {
  return `1${random.pick(['3', '5', '7', '8', '9'])}${String(random.int(0, 999_999_999)).padStart(9, '0')}`;
}
