import { educationLevels } from './personnel-vocabulary';
import { staffCategories, type StaffCategoryName, type StaffListItem } from './staff-record';

/**
 * The summary tables a clerk is asked for (人员统计): the people in service by category, and by age
 * band, 政治面貌 and 学历, each across the categories. Pure: the people come with their age (周岁,
 * `ageOn` of person-derivations.ts, as the roster shows it).
 */

/** Age bands (年龄结构) as personnel statistics group them; the last is open. */
export const ageBands = [
  { label: '30岁及以下', upTo: 30 },
  { label: '31—35岁', upTo: 35 },
  { label: '36—40岁', upTo: 40 },
  { label: '41—45岁', upTo: 45 },
  { label: '46—50岁', upTo: 50 },
  { label: '51—55岁', upTo: 55 },
  { label: '56岁及以上', upTo: Number.POSITIVE_INFINITY },
] as const;

/** The band of an age in whole years. */
export function ageBandOf(age: number): (typeof ageBands)[number]['label'] {
  return (ageBands.find((b) => age <= b.upTo) ?? ageBands[ageBands.length - 1]).label;
}

/**
 * 政治面貌 as the ledger knows it: 中共党员 (中共预备党员 included), else 群众等 — the roster keeps only
 * whether a person is a party member (共青团员 and 民主党派 are read as not).
 */
export const politicalStatuses = ['中共党员', '群众等'] as const;

export function politicalStatusOf(person: Pick<StaffListItem, 'partyMember'>): (typeof politicalStatuses)[number] {
  return person.partyMember ? '中共党员' : '群众等';
}

/** 学历 rows: the levels of personnel-vocabulary.ts, then 未填. */
export const educationRows = [...educationLevels, '未填'] as const;

/** One row of a summary table: a value of the dimension, its count per category and in all. */
export interface StatisticsRow {
  label: string;
  byCategory: Record<StaffCategoryName, number>;
  total: number;
}

/** One summary table: a dimension across the categories, with a 合计 row. */
export interface StatisticsTable {
  title: string;
  dimension: string;
  rows: StatisticsRow[];
  sum: StatisticsRow;
}

/** Each category's people: how many, men and women, average age, party members. */
export interface CategorySummary {
  category: StaffCategoryName | '合计';
  people: number;
  men: number;
  women: number;
  /** One decimal; 0 when nobody. */
  averageAge: number;
  partyMembers: number;
}

export interface StaffStatistics {
  people: number;
  byCategory: CategorySummary[];
  tables: StatisticsTable[];
}

function crossTable(title: string, dimension: string, labels: readonly string[], people: readonly StaffListItem[], labelOf: (p: StaffListItem) => string): StatisticsTable {
  const zero = () => Object.fromEntries(staffCategories.map((c) => [c, 0])) as Record<StaffCategoryName, number>;
  const rows = labels.map((label): StatisticsRow => ({ label, byCategory: zero(), total: 0 }));
  const sum: StatisticsRow = { label: '合计', byCategory: zero(), total: 0 };
  for (const person of people) {
    const row = rows.find((r) => r.label === labelOf(person));
    if (!row) continue;
    for (const line of [row, sum]) {
      line.byCategory[person.category] += 1;
      line.total += 1;
    }
  }
  return { title, dimension, rows, sum };
}

function summaryOf(category: StaffCategoryName | '合计', people: readonly StaffListItem[]): CategorySummary {
  const ages = people.reduce((n, p) => n + p.age, 0);
  return {
    category,
    people: people.length,
    men: people.filter((p) => p.gender === '男').length,
    women: people.filter((p) => p.gender === '女').length,
    averageAge: people.length === 0 ? 0 : Math.round((ages * 10) / people.length) / 10,
    partyMembers: people.filter((p) => p.partyMember).length,
  };
}

/** The summary tables of the given people (the caller picks them: in service, of a unit). */
export function staffStatistics(people: readonly StaffListItem[]): StaffStatistics {
  const educationOf = (p: StaffListItem) => ((educationLevels as readonly string[]).includes(p.education ?? '') ? (p.education as string) : '未填');
  return {
    people: people.length,
    byCategory: [...staffCategories.map((c) => summaryOf(c, people.filter((p) => p.category === c))), summaryOf('合计', people)],
    tables: [
      crossTable('年龄结构', '年龄', ageBands.map((b) => b.label), people, (p) => ageBandOf(p.age)),
      crossTable('政治面貌', '政治面貌', politicalStatuses, people, politicalStatusOf),
      crossTable('学历结构', '学历', educationRows, people, educationOf),
    ],
  };
}
