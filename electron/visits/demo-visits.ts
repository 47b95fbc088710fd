import { addDays, compareIsoDates } from '../../shared/china-date';
import { birthdayInYear, festivalsOfYear, type FestivalName } from '../../shared/festival-dates';
import { birthdayEvent, festivalEvent, hospitalEvent, visitBatchInputSchema, visitInputSchema, type VisitInput } from '../../shared/visit-record';
import type { LedgerStore } from '../../db/ledger-store';
import { writeRecord, type WriteActor } from '../../db/write-path';
import type { DemoRandom } from '../staff/demo-random';
import { savePersonRecord } from '../staff/person-records';
import { liveStaffRows } from '../staff/staff-rows';
import { recordVisitBatch } from './visit-batch';
import { saveBudget } from './visit-budgets';
import { visitRecords } from './visit-records';

/** What the visits demo wrote. */
export interface DemoVisitsSummary {
  visits: number;
  /** The festival left partly covered (its coverage view and reminder show who is missing). */
  partlyCovered: string | null;
}

/** The gifts of each festival the demo station visits everyone on, in kind (the standard: 节日慰问只发实物). */
const FESTIVAL_GIFTS: Partial<Record<FestivalName, { goods: string; fen: number }>> = {
  中国人民警察节: { goods: '警察节慰问品', fen: 20000 },
  春节: { goods: '米面油年货礼包', fen: 30000 },
  端午: { goods: '粽子礼盒', fen: 15000 },
  中秋: { goods: '月饼礼盒', fen: 20000 },
};

/**
 * A year of welfare visits for a demo station (DOMAIN.md "Welfare visits"): this year's budgets
 * (工会经费 ¥150,000, 行政经费 ¥30,000); the festivals of the last twelve months for everyone in
 * service, in kind — the latest one only partly covered, so 工作台 and 节日覆盖 show who is still
 * missing; birthdays for most; a visit for the injury on duty of the health demo (the person in
 * hospital now has none yet: a reminder); retirements; hardship aid. All through the same rules and
 * the same write path as the clerk's forms, the festivals as batches.
 */
export function seedDemoVisits(store: LedgerStore, actor: WriteActor, random: DemoRandom, today: string): DemoVisitsSummary {
  const year = Number(today.slice(0, 4));
  const from = addDays(today, -365);
  saveBudget(store, actor, { year, funding: '工会经费', amountFen: 15_000_000, note: '年初工会经费预算' });
  saveBudget(store, actor, { year, funding: '行政经费', amountFen: 3_000_000, note: null });
  const people = liveStaffRows(store);
  const active = people.filter((p) => p.status === '在职' && p.birth_date);
  const visitors = ['所长 王建国', '教导员 李明', '工会主席 陈红'];
  let visits = 0;
  const single = (input: VisitInput) => {
    savePersonRecord(store, actor, visitRecords, visitInputSchema.parse(input), today);
    visits += 1;
  };

  const festivals = [...festivalsOfYear(year - 1), ...festivalsOfYear(year)].filter(
    (f) => FESTIVAL_GIFTS[f.name] && compareIsoDates(f.date, from) > 0 && compareIsoDates(f.date, today) <= 0,
  );
  const latest = festivals[festivals.length - 1];
  for (const festival of festivals) {
    const gift = FESTIVAL_GIFTS[festival.name] as { goods: string; fen: number };
    const employed = active.filter((p) => compareIsoDates(p.joined_station_date ?? p.work_start_date ?? festival.date, festival.date) <= 0);
    const chosen = festival === latest ? employed.filter(() => random.chance(0.7)) : employed;
    if (chosen.length === 0) continue;
    const date = addDays(festival.date, -random.int(1, 3));
    const result = recordVisitBatch(
      store,
      actor,
      visitBatchInputSchema.parse({
        staffIds: chosen.map((p) => p.id),
        kind: '节日慰问',
        date: compareIsoDates(date, from) > 0 ? date : festival.date,
        visitors: random.pick(visitors),
        goods: gift.goods,
        goodsValueFen: gift.fen,
        funding: '工会经费',
        event: festivalEvent(festival.name, Number(festival.date.slice(0, 4))),
        eventDate: festival.date,
        receiptSigned: festival !== latest,
        confirmReason: '年度节日慰问计划',
      }),
    );
    visits += result.created;
  }

  // Some keep their lunar birthday (生日按农历): every seventh person of the demo.
  active.forEach((person, index) => {
    if (index % 7 !== 3) return;
    writeRecord(store, actor, 'staff', person.id, { lunar_birthday: 1 });
    person.lunar_birthday = 1;
  });
  for (const person of active) {
    if (!random.chance(0.8)) continue;
    const birthday = [year - 1, year].map((y) => birthdayInYear(person.birth_date as string, person.lunar_birthday === 1, y)).find((d) => compareIsoDates(d, from) > 0 && compareIsoDates(d, today) <= 0);
    if (!birthday || (person.work_start_date && compareIsoDates(person.work_start_date, birthday) > 0)) continue;
    single({ staffId: person.id, kind: '生日慰问', date: birthday, cashFen: 20000, funding: '工会经费', event: birthdayEvent(Number(birthday.slice(0, 4))), eventDate: birthday, receiptSigned: true, visitors: '工会主席 陈红' });
  }

  const injuries = store.sqlite
    .prepare("SELECT id, staff_id, start_date FROM medical_event WHERE deleted_at IS NULL AND kind = '因公负伤' AND end_date IS NOT NULL")
    .all() as { id: string; staff_id: string; start_date: string }[];
  for (const injury of injuries) {
    single({ staffId: injury.staff_id, kind: '因公负伤慰问', date: addDays(injury.start_date, 1), cashFen: 80000, goods: '水果、营养品', goodsValueFen: 20000, funding: '行政经费', event: hospitalEvent(injury.id), eventDate: injury.start_date, receiptSigned: true, visitors: '所长 王建国' });
  }

  for (const person of people.filter((p) => p.status === '退休' && p.status_date && compareIsoDates(p.status_date, from) > 0 && compareIsoDates(p.status_date, today) <= 0)) {
    single({ staffId: person.id, kind: '退休慰问', date: person.status_date as string, cashFen: 100000, funding: '工会经费', event: `${(person.status_date as string).slice(0, 4)}退休`, eventDate: person.status_date, receiptSigned: true, visitors: '教导员 李明', note: '光荣退休座谈会' });
  }

  for (const person of active.filter((p) => p.hardship === 1)) {
    const date = random.dateBetween(from, today);
    single({ staffId: person.id, kind: '困难帮扶', date, cashFen: 200000, funding: '工会经费', receiptSigned: true, visitors: '工会主席 陈红', note: '困难职工帮扶金' });
  }
  return { visits, partlyCovered: latest ? festivalEvent(latest.name, Number(latest.date.slice(0, 4))) : null };
}
