import { addDays, addMonths, compareIsoDates } from '../../shared/china-date';
import { makeValidIdNumber } from '../../shared/id-number';
import { computeRetirement, defaultRetirementBase } from '../../shared/retirement-date';
import type { StaffCategoryName, StaffInput, StaffStatus } from '../../shared/staff-record';
import { demoGivenName, demoMobile, demoSurname, type DemoRandom } from './demo-random';

/** One generated person of the demo roster, before it is written. */
export interface DemoPerson {
  input: StaffInput;
  sex: 'male' | 'female';
  surname: string;
  birthDate: string;
  category: StaffCategoryName;
  joinedStationDate: string;
  /** A later change of status (退休, 调出, 离职, 病故), or null for someone still 在职. */
  statusChange: { status: StaffStatus; date: string; reason: string } | null;
}

/** Districts of 杭州 (most staff are local) and a few other cities people come from (GB/T 2260). */
const LOCAL_REGIONS = ['330102', '330105', '330106', '330108', '330109', '330110', '330111', '330112', '330113', '330114', '330122', '330127', '330182'];
const OTHER_REGIONS = ['330302', '330402', '330602', '330702', '340104', '360102', '410105', '320106', '430102', '510107'];

const POSITIONS: Record<StaffCategoryName, ReadonlyArray<readonly [string, number]>> = {
  民警: [['所领导', 6], ['社区民警', 30], ['治安民警', 14], ['案件办理', 20], ['巡逻防控', 14], ['内勤', 9], ['户籍民警', 7]],
  辅警: [['辅警-巡逻', 34], ['辅警-社区', 20], ['辅警-窗口', 14], ['辅警-案件协助', 16], ['辅警-视频巡查', 10], ['辅警-内勤', 6]],
  职工: [['后勤保障', 3], ['食堂', 2], ['驾驶员', 2], ['财务', 1]],
};

const TRANSFER_REASONS = ['调往市局刑侦支队', '调往分局治安大队', '交流任职至其他派出所', '调往分局指挥中心', '调往市局出入境管理局'];
const LEAVING_REASONS = ['个人原因辞职', '劳动合同期满不再续签', '考取公务员', '随配偶迁居外地'];

function rankOf(random: DemoRandom, age: number, position: string): string {
  if (position === '所领导') return random.pick(['一级警长', '四级高级警长', '三级高级警长']);
  if (age < 28) return random.pick(['二级警员', '一级警员']);
  if (age < 36) return random.pick(['四级警长', '三级警长']);
  if (age < 46) return random.pick(['三级警长', '二级警长']);
  return random.pick(['二级警长', '一级警长']);
}

/** Age at the start of working life, by category; `army` adds months of recognised service. */
function workStart(random: DemoRandom, category: StaffCategoryName, birthDate: string, today: string): { date: string; priorMonths: number } {
  const army = category !== '职工' && random.chance(0.1);
  const priorMonths = army ? random.pick([24, 24, 36, 60]) : 0;
  const startAge = category === '民警' ? random.int(21, 24) : random.int(18, 27);
  let date = addMonths(birthDate, (startAge * 12) + Math.ceil(priorMonths / 2) + random.int(0, 11));
  if (compareIsoDates(date, today) > 0) date = addDays(today, -random.int(30, 300));
  return { date: date.slice(0, 8) + '01', priorMonths };
}

/**
 * Generates one demo person: category (about 55% 民警, 40% 辅警, 5% 职工), sex, age 22–62, a valid
 * ID number (GB 11643, see `makeValidIdNumber`) from a 杭州 district or another city, a working
 * life consistent with the age, position, rank or auxiliary level and stars, flags; and, for some,
 * a later status (退休 when the statutory retirement date has passed, 调出, 离职, rarely 病故).
 */
export function generateDemoPerson(random: DemoRandom, index: number, today: string, years: number, usedIds: Set<string>): DemoPerson {
  const category = random.weighted<StaffCategoryName>([['民警', 55], ['辅警', 40], ['职工', 5]]);
  const sex = random.chance(category === '民警' ? 0.8 : category === '辅警' ? 0.74 : 0.5) ? 'male' : 'female';
  const age = category === '辅警' ? random.int(22, 52) : random.int(22, 62);
  const birthDate = addDays(today, -(age * 365 + Math.floor(age / 4) + random.int(1, 364)));
  const region = random.chance(0.82) ? random.pick(LOCAL_REGIONS) : random.pick(OTHER_REGIONS);
  const draw = () => makeValidIdNumber(region, birthDate, random.int(0, 499) * 2 + (sex === 'male' ? 1 : 0));
  let idNumber = draw();
  while (usedIds.has(idNumber)) idNumber = draw();
  usedIds.add(idNumber);

  const surname = demoSurname(random);
  const start = workStart(random, category, birthDate, today);
  const retirement = computeRetirement(birthDate, defaultRetirementBase(sex, category)).retirementDate;
  const latestJoin = compareIsoDates(retirement, today) <= 0 ? addDays(retirement, -365) : addDays(today, -20);
  const joinedStationDate = random.chance(category === '辅警' ? 0.6 : 0.2) ? start.date : random.dateBetween(start.date, latestJoin);
  const position = random.weighted(POSITIONS[category]);
  const workYears = Math.max(0, Number(today.slice(0, 4)) - Number(start.date.slice(0, 4)));
  const disabled = random.chance(0.012);

  const input: StaffInput = {
    category,
    name: surname + demoGivenName(random, sex),
    idNumber,
    phone: demoMobile(random),
    badgeNo: category === '民警' ? String(23000 + index).padStart(6, '0') : category === '辅警' ? `FJ${String(1000 + index).padStart(4, '0')}` : null,
    position,
    rank: category === '民警' ? rankOf(random, age, position) : null,
    auxLevel: category === '辅警' ? Math.min(8, 1 + Math.floor(workYears / 3)) : null,
    starRating: category === '辅警' && random.chance(0.6) ? random.weighted([[1, 2], [2, 4], [3, 4], [4, 2], [5, 1]]) : null,
    workStartDate: start.date,
    priorServiceMonths: start.priorMonths,
    joinedStationDate,
    partyMember: random.chance(category === '民警' ? 0.75 : category === '辅警' ? 0.2 : 0.15),
    unionMember: random.chance(0.92),
    hardship: random.chance(0.03),
    heroModel: random.chance(0.015),
    disabilityLevel: disabled ? random.int(5, 10) : null,
    notes: disabled ? '因公负伤，定期随访' : start.priorMonths > 0 ? `退役军人，服役${start.priorMonths}个月` : null,
  };

  const since = addDays(today, -years * 365);
  const laterThan = compareIsoDates(joinedStationDate, since) > 0 ? joinedStationDate : since;
  let statusChange: DemoPerson['statusChange'] = null;
  if (compareIsoDates(retirement, today) <= 0) {
    statusChange = { status: '退休', date: retirement, reason: '达到法定退休年龄' };
  } else if (random.chance(0.05)) {
    statusChange = { status: '调出', date: random.dateBetween(laterThan, today), reason: random.pick(TRANSFER_REASONS) };
  } else if (category !== '民警' && random.chance(0.07)) {
    statusChange = { status: '离职', date: random.dateBetween(laterThan, today), reason: random.pick(LEAVING_REASONS) };
  } else if (age > 45 && random.chance(0.01)) {
    statusChange = { status: '病故', date: random.dateBetween(laterThan, today), reason: '因病医治无效' };
  }
  return { input, sex, surname, birthDate, category, joinedStationDate, statusChange };
}
