import { addDays, compareIsoDates } from '../../shared/china-date';
import { checkupInputSchema, interventionInputSchema, medicalEventInputSchema, screeningInputSchema, type CheckupConclusion } from '../../shared/health-record';
import type { LedgerStore } from '../../db/ledger-store';
import type { WriteActor } from '../../db/write-path';
import type { DemoRandom } from '../staff/demo-random';
import { savePersonRecord } from '../staff/person-records';
import { checkupRecords, interventionRecords, medicalEventRecords, screeningRecords } from './health-records';

/** A demo person the health records are made for. */
export interface DemoHealthPerson {
  staffId: string;
  status: string;
  category: string;
  workStartDate: string | null;
}

/** What the health demo wrote. */
export interface DemoHealthSummary {
  checkups: number;
  screenings: number;
  interventions: number;
  medicalEvents: number;
}

const INSTITUTIONS = ['市公安医院', '市第一人民医院', '市中医院体检中心'];
const ABNORMAL: ReadonlyArray<readonly [string, number]> = [
  ['脂肪肝', 30], ['高血脂', 24], ['高血压', 18], ['甲状腺结节', 14], ['肺结节', 10], ['高尿酸', 12], ['颈椎病', 12], ['高血糖', 6], ['幽门螺杆菌阳性', 5],
];

const min = (a: string, b: string) => (compareIsoDates(a, b) <= 0 ? a : b);
const max = (a: string, b: string) => (compareIsoDates(a, b) >= 0 ? a : b);

/**
 * Realistic health records for a demo station (DOMAIN.md "Health"): last year's checkups for
 * nearly everyone and this year's for about three in four (so the overdue list has people on it
 * from October), a fifth of them abnormal with a follow-up — some done, some overdue; a spring
 * screening for most, one 预警 followed by two one-to-one sessions; one person in hospital now and
 * one injury on duty earlier this year. All through the same kinds and checks as the forms.
 */
export function seedDemoHealth(store: LedgerStore, actor: WriteActor, random: DemoRandom, people: DemoHealthPerson[], today: string): DemoHealthSummary {
  const summary: DemoHealthSummary = { checkups: 0, screenings: 0, interventions: 0, medicalEvents: 0 };
  const year = Number(today.slice(0, 4));
  const active = people.filter((p) => p.status === '在职');
  const employedBy = (p: DemoHealthPerson, date: string) => !p.workStartDate || compareIsoDates(p.workStartDate, date) <= 0;
  const checkup = (p: DemoHealthPerson, date: string, thisYear: boolean) => {
    const abnormal = random.chance(0.22);
    const conclusion: CheckupConclusion = abnormal ? random.weighted([['异常需复查', 7], ['异常需就医', 3]]) : '正常';
    const items = abnormal ? [...new Set([random.weighted(ABNORMAL), ...(random.chance(0.4) ? [random.weighted(ABNORMAL)] : [])])] : random.chance(0.25) ? [random.weighted(ABNORMAL)] : [];
    const followUpDue = abnormal ? addDays(date, random.pick([60, 90])) : null;
    const done = followUpDue && compareIsoDates(followUpDue, today) < 0 && (!thisYear || random.chance(0.75)) ? min(addDays(followUpDue, -random.int(0, 20)), today) : null;
    savePersonRecord(
      store,
      actor,
      checkupRecords,
      checkupInputSchema.parse({
        staffId: p.staffId,
        date,
        institution: random.pick(INSTITUTIONS),
        conclusion,
        abnormalItems: items,
        followUpDue,
        followUpDoneDate: done,
        followUpResult: done ? random.pick(['指标较前好转，继续观察', '复查未见明显变化，定期随访', '已专科就诊，遵医嘱服药']) : null,
      }),
      today,
    );
    summary.checkups += 1;
  };

  for (const p of active) {
    const lastYear = random.dateBetween(`${year - 1}-04-01`, `${year - 1}-09-30`);
    if (employedBy(p, lastYear) && random.chance(0.95)) checkup(p, lastYear, false);
    const latest = min(`${year}-09-30`, addDays(today, -1));
    if (compareIsoDates(latest, `${year}-03-01`) >= 0 && random.chance(0.76)) {
      const date = random.dateBetween(`${year}-03-01`, latest);
      if (employedBy(p, date)) checkup(p, date, true);
    }
  }

  const screeningDay = min(`${year}-05-20`, addDays(today, -1));
  for (const p of active) {
    if (!employedBy(p, screeningDay) || !random.chance(0.7)) continue;
    savePersonRecord(store, actor, screeningRecords, screeningInputSchema.parse({
      staffId: p.staffId, date: screeningDay, instrument: 'SCL-90', score: random.int(95, 150), level: random.weighted([['正常', 88], ['关注', 12]]),
    }), today);
    summary.screenings += 1;
  }

  const pool = active.filter((p) => employedBy(p, `${year}-01-01`));
  const pickOne = (exclude: Set<string>) => {
    const candidates = pool.filter((p) => !exclude.has(p.staffId));
    return candidates.length > 0 ? random.pick(candidates) : undefined;
  };
  const used = new Set<string>();
  const warned = pickOne(used);
  if (warned) {
    used.add(warned.staffId);
    const day = max(addDays(today, -20), `${year}-01-01`);
    savePersonRecord(store, actor, screeningRecords, screeningInputSchema.parse({ staffId: warned.staffId, date: day, instrument: 'PHQ-9', score: 17, level: '预警', note: '家庭变故后睡眠差、情绪低落' }), today);
    savePersonRecord(store, actor, interventionRecords, interventionInputSchema.parse({
      staffId: warned.staffId, date: min(addDays(day, 3), today), counsellor: '市局心理服务站 刘老师', form: '面谈', summary: '倾诉家庭困难，已协调工会了解帮扶', nextDate: min(addDays(day, 17), addDays(today, 7)),
    }), today);
    savePersonRecord(store, actor, interventionRecords, interventionInputSchema.parse({
      staffId: warned.staffId, date: min(addDays(day, 17), today), counsellor: '市局心理服务站 刘老师', form: '电话', summary: '睡眠有所改善，继续跟进', nextDate: addDays(today, 14),
    }), today);
    summary.screenings += 1;
    summary.interventions += 2;
  }
  const inHospital = pickOne(used);
  if (inHospital) {
    used.add(inHospital.staffId);
    savePersonRecord(store, actor, medicalEventRecords, medicalEventInputSchema.parse({
      staffId: inHospital.staffId, kind: '住院', hospital: '市第一人民医院', greenChannel: true, startDate: max(addDays(today, -3), `${year}-01-01`), diagnosis: '急性胆囊炎，已行腹腔镜手术', reimbursement: '未报销',
    }), today);
    summary.medicalEvents += 1;
  }
  const injured = pickOne(used);
  if (injured && compareIsoDates(addDays(today, -50), `${year}-01-01`) >= 0) {
    savePersonRecord(store, actor, medicalEventRecords, medicalEventInputSchema.parse({
      staffId: injured.staffId, kind: '因公负伤', hospital: '市公安医院', greenChannel: true, startDate: addDays(today, -50), endDate: addDays(today, -38),
      diagnosis: '抓捕嫌疑人时右手腕骨折', reimbursement: '已提交', reimbursedFen: 856000, forcedRest: true,
    }), today);
    summary.medicalEvents += 1;
  }
  return summary;
}
