import { compareIsoDates } from './china-date';
import { visitKinds, type FundingSource, type VisitKind, type VisitStandard } from './visit-record';

/**
 * The standards of welfare visits (慰问标准), a versioned table: each version of a kind is in force
 * from its `effectiveFrom` until the next version of the kind. The standard **in force on the event
 * date** applies — a hospitalisation of 10 March answered on 2 April is judged by the standard of
 * 10 March (DOMAIN.md "Welfare visits").
 */

/** From when the built-in defaults count: before any bureau's version. */
export const BUILT_IN_STANDARDS_FROM = '2000-01-01';

const yuan = (n: number) => n * 100;

type Defaults = Pick<VisitStandard, 'eventCapFen' | 'yearlyCapFen' | 'timesPerYear' | 'inKindOnly' | 'note'> & { funding?: FundingSource };

/**
 * DOMAIN.md's defaults (**configurable**: the bureau sets its own versions). From one city's union
 * rules in the source documents: marriage, childbirth and retirement up to ¥1,000; death of a
 * direct relative ¥1,000; hospitalisation ¥1,000 (raised from ¥500); death on duty or of illness
 * ¥2,000 to the family. Common elsewhere: birthday ¥300, festival gifts in kind only,
 * hospitalisation at most twice a year. Kinds without a figure have no cap until the bureau sets one.
 */
const defaults: Record<VisitKind, Defaults> = {
  节日慰问: { eventCapFen: null, yearlyCapFen: null, timesPerYear: null, inKindOnly: true, note: '节日慰问只发实物' },
  生日慰问: { eventCapFen: yuan(300), yearlyCapFen: null, timesPerYear: 1, inKindOnly: false, note: '生日慰问每人每年一次，不超过300元' },
  住院慰问: { eventCapFen: yuan(1000), yearlyCapFen: null, timesPerYear: 2, inKindOnly: false, note: '住院慰问每次不超过1000元（原为500元），每年至多两次' },
  因公负伤慰问: { eventCapFen: null, yearlyCapFen: null, timesPerYear: null, inKindOnly: false, note: null },
  结婚慰问: { eventCapFen: yuan(1000), yearlyCapFen: null, timesPerYear: 1, inKindOnly: false, note: '结婚慰问不超过1000元' },
  生育慰问: { eventCapFen: yuan(1000), yearlyCapFen: null, timesPerYear: null, inKindOnly: false, note: '生育慰问不超过1000元' },
  退休慰问: { eventCapFen: yuan(1000), yearlyCapFen: null, timesPerYear: 1, inKindOnly: false, note: '退休慰问不超过1000元' },
  直系亲属去世慰问: { eventCapFen: yuan(1000), yearlyCapFen: null, timesPerYear: null, inKindOnly: false, note: '直系亲属去世慰问1000元' },
  因公牺牲或病故慰问: { eventCapFen: yuan(2000), yearlyCapFen: null, timesPerYear: null, inKindOnly: false, note: '因公牺牲或病故，慰问家属2000元' },
  困难帮扶: { eventCapFen: null, yearlyCapFen: null, timesPerYear: null, inKindOnly: false, note: null },
  夏日送清凉: { eventCapFen: null, yearlyCapFen: null, timesPerYear: 1, inKindOnly: true, note: '夏日送清凉发放防暑降温物品' },
  金秋助学: { eventCapFen: null, yearlyCapFen: null, timesPerYear: 1, inKindOnly: false, note: null },
  职工互助保障: { eventCapFen: null, yearlyCapFen: null, timesPerYear: null, inKindOnly: false, note: null },
  英烈家属慰问: { eventCapFen: null, yearlyCapFen: null, timesPerYear: null, inKindOnly: false, note: null },
};

/** The built-in standard of every kind (DOMAIN.md's defaults), in force from 2000. */
export const builtInStandards: readonly VisitStandard[] = visitKinds.map((kind) => ({
  id: null,
  kind,
  effectiveFrom: BUILT_IN_STANDARDS_FROM,
  funding: defaults[kind].funding ?? '工会经费',
  source: '内置',
  ...defaults[kind],
}));

/**
 * The standard of `kind` in force on `date`: the version with the latest `effectiveFrom` on or
 * before it, among the bureau's versions and the built-in default. A version effective the day
 * after the event does not apply to it; one effective that very day does.
 */
export function standardInForce(versions: readonly VisitStandard[], kind: VisitKind, date: string): VisitStandard {
  let best = builtInStandards.find((s) => s.kind === kind) as VisitStandard;
  for (const version of versions) {
    if (version.kind !== kind || compareIsoDates(version.effectiveFrom, date) > 0) continue;
    if (compareIsoDates(version.effectiveFrom, best.effectiveFrom) >= 0) best = version;
  }
  return best;
}

/** A standard in one line: 每次不超过 ¥300.00，每年1次，只发实物（2026-01-01 起执行）. */
export function describeStandard(standard: VisitStandard, money: (fen: number) => string): string {
  const parts = [
    standard.eventCapFen !== null ? `每次不超过 ${money(standard.eventCapFen)}` : null,
    standard.yearlyCapFen !== null ? `每人每年不超过 ${money(standard.yearlyCapFen)}` : null,
    standard.timesPerYear !== null ? `每年${standard.timesPerYear}次` : null,
    standard.inKindOnly ? '只发实物' : null,
  ].filter(Boolean);
  return `${parts.length > 0 ? parts.join('，') : '不限额'}（${standard.source === '内置' ? '默认标准' : `${standard.effectiveFrom} 起执行`}）`;
}
