import { addDays, compareIsoDates, formatIsoDate } from '../../shared/china-date';
import type { HonourInput } from '../../shared/staff-record';
import type { DemoRandom } from './demo-random';

/** A person as far as honours care: who, what kind, and when they were at the station. */
export interface HonourCandidate {
  staffId: string;
  category: string;
  partyMember: boolean;
  starRating: number | null;
  /** The period the person was at the station (honours fall inside it). */
  from: string;
  to: string;
}

const STAR_NAMES = ['', '一', '二', '三', '四', '五'];
const BUREAU = '杭州市公安局西湖分局';

function inRange(date: string, candidate: HonourCandidate): boolean {
  return compareIsoDates(date, candidate.from) >= 0 && compareIsoDates(date, candidate.to) <= 0;
}

/**
 * Honours over the last `years` years: 季度之星 (one or two people each quarter, 所级), and per
 * person and year a chance of 嘉奖 (分局), 三等功 (市局, 民警), 二等功 (rare), 优秀辅警 / 最美辅警,
 * 优秀共产党员; plus the current 星级辅警 title of each rated auxiliary officer.
 */
export function generateDemoHonours(random: DemoRandom, people: HonourCandidate[], today: string, years: number, stationName: string): HonourInput[] {
  const honours: HonourInput[] = [];
  const since = addDays(today, -years * 365);
  const firstYear = Number(since.slice(0, 4));
  const lastYear = Number(today.slice(0, 4));
  for (let year = firstYear; year <= lastYear; year += 1) {
    for (let quarter = 1; quarter <= 4; quarter += 1) {
      const date = formatIsoDate(quarter === 4 ? year + 1 : year, quarter === 4 ? 1 : quarter * 3 + 1, 8);
      if (compareIsoDates(date, since) < 0 || compareIsoDates(date, today) > 0) continue;
      const present = people.filter((p) => inRange(date, p));
      const count = Math.min(present.length, random.int(1, 2));
      for (const person of random.faker.helpers.arrayElements(present, count)) {
        honours.push({ staffId: person.staffId, title: '季度之星', level: '所级', date, issuer: stationName, note: `${year}年第${quarter}季度` });
      }
    }
  }
  for (const person of people) {
    for (let year = firstYear; year <= lastYear; year += 1) {
      const date = random.dateBetween(formatIsoDate(year, 1, 10), formatIsoDate(year, 12, 20));
      if (!inRange(date, person) || compareIsoDates(date, since) < 0) continue;
      const police = person.category === '民警';
      const auxiliary = person.category === '辅警';
      if (random.chance(0.08)) honours.push({ staffId: person.staffId, title: '嘉奖', level: '县级', date, issuer: BUREAU });
      else if (police && random.chance(0.025)) honours.push({ staffId: person.staffId, title: '三等功', level: '市级', date, issuer: '杭州市公安局', note: '在专项行动中表现突出' });
      else if (police && random.chance(0.002)) honours.push({ staffId: person.staffId, title: '二等功', level: '省级', date, issuer: '浙江省公安厅' });
      else if (auxiliary && random.chance(0.05)) honours.push({ staffId: person.staffId, title: random.chance(0.1) ? '最美辅警' : '优秀辅警', level: '市级', date, issuer: '杭州市公安局' });
      else if (person.partyMember && random.chance(0.03)) honours.push({ staffId: person.staffId, title: '优秀共产党员', level: '县级', date, issuer: `${BUREAU}党委` });
    }
    const start = compareIsoDates(person.from, since) > 0 ? person.from : since;
    if (person.starRating && compareIsoDates(start, person.to) <= 0) {
      const date = random.dateBetween(start, person.to);
      honours.push({ staffId: person.staffId, title: `${STAR_NAMES[person.starRating]}星级辅警`, level: '县级', date, issuer: BUREAU, note: '年度星级评定' });
    }
  }
  return honours;
}
