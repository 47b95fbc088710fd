import { addDays, addMonths, compareIsoDates } from '../../shared/china-date';
import { schoolYearStartYearOn } from '../../shared/person-derivations';
import type { FamilyInput } from '../../shared/staff-record';
import type { DemoPerson } from './demo-people';
import { demoGivenName, demoMobile, demoSurname, type DemoRandom } from './demo-random';

const SPOUSE_WORK = ['杭州市第一人民医院', '西湖区教育局', '个体经营', '浙江某科技有限公司', '街道社区服务中心', '中国银行杭州分行', '某中学教师', '家庭主妇', '某物流公司', '区人民法院'];
const PARENT_NOTES = ['已退休', '独居，需关注', '身体健康', '患慢性病，常年服药', null, null, null];
const PRIMARY_SCHOOLS = ['杭州市学军小学', '杭州市胜利小学', '西湖区文三街小学', '拱墅区卖鱼桥小学'];
const MIDDLE_SCHOOLS = ['杭州市第十三中学', '杭州市保俶塔实验学校', '西湖区十三中教育集团'];
const HIGH_SCHOOLS = ['杭州第二中学', '杭州高级中学', '学军中学', '杭州第十四中学'];
const UNIVERSITIES = ['浙江大学', '浙江工业大学', '浙江警察学院', '杭州电子科技大学', '中国计量大学'];
const NUMERALS = ['', '一', '二', '三', '四', '五', '六'];

/**
 * A child's grade in the school year containing `today` (school entry at six by 31 August), as the
 * clerk writes it (三年级, 初二, 高三), with a plausible school; a university for those just past
 * 高三; null for infants and grown-up children.
 */
function schooling(random: DemoRandom, birthDate: string, today: string): { grade: string | null; school: string | null } {
  const [year, month] = [Number(birthDate.slice(0, 4)), Number(birthDate.slice(5, 7))];
  const cohort = month >= 9 ? year + 1 : year;
  const grade = schoolYearStartYearOn(today) - (cohort + 6) + 1;
  if (grade >= 1 && grade <= 6) return { grade: `${NUMERALS[grade]}年级`, school: random.pick(PRIMARY_SCHOOLS) };
  if (grade >= 7 && grade <= 9) return { grade: `初${NUMERALS[grade - 6]}`, school: random.pick(MIDDLE_SCHOOLS) };
  if (grade >= 10 && grade <= 12) return { grade: `高${NUMERALS[grade - 9]}`, school: random.pick(HIGH_SCHOOLS) };
  if (grade >= 13 && grade <= 16) return { grade: null, school: random.pick(UNIVERSITIES) };
  return { grade: null, school: null };
}

/**
 * The family of a demo person, by age: a spouse for most people over 25, parents for those under
 * 58, sometimes the spouse's parents, and 0–2 children born when the parents were 24–36 (with
 * grade and school, so some sit 中考/高考 this year or next).
 */
export function generateDemoFamily(random: DemoRandom, person: DemoPerson, age: number, today: string): Omit<FamilyInput, 'staffId'>[] {
  const family: Omit<FamilyInput, 'staffId'>[] = [];
  const married = age >= 25 && random.chance(age < 30 ? 0.5 : 0.88);
  const spouseSex = person.sex === 'male' ? 'female' : 'male';
  const spouseSurname = demoSurname(random);
  if (married) {
    family.push({
      relation: '配偶',
      name: spouseSurname + demoGivenName(random, spouseSex),
      birthDate: addDays(person.birthDate, random.int(-4 * 365, 4 * 365)),
      phone: demoMobile(random),
      workOrSchool: random.pick(SPOUSE_WORK),
    });
  }
  if (age < 58 && random.chance(0.6)) {
    const fatherSurname = person.sex === 'male' || random.chance(0.5) ? person.surname : demoSurname(random);
    if (random.chance(0.8)) {
      family.push({ relation: '父亲', name: fatherSurname + demoGivenName(random, 'male'), birthDate: addMonths(person.birthDate, -12 * random.int(24, 33)), phone: demoMobile(random), notes: random.pick(PARENT_NOTES) });
    }
    family.push({ relation: '母亲', name: demoSurname(random) + demoGivenName(random, 'female'), birthDate: addMonths(person.birthDate, -12 * random.int(22, 31)), phone: demoMobile(random), notes: random.pick(PARENT_NOTES) });
  }
  if (married && age < 55 && random.chance(0.25)) {
    family.push({ relation: '配偶父亲', name: spouseSurname + demoGivenName(random, 'male'), birthDate: addMonths(person.birthDate, -12 * random.int(24, 32)) });
    family.push({ relation: '配偶母亲', name: demoSurname(random) + demoGivenName(random, 'female'), birthDate: addMonths(person.birthDate, -12 * random.int(22, 30)) });
  }
  const children = married && age >= 26 ? random.weighted([[0, 2], [1, 5], [2, 3]]) : 0;
  const childSurname = person.sex === 'male' ? person.surname : spouseSurname;
  for (let i = 0; i < children; i += 1) {
    const birthDate = addDays(person.birthDate, random.int(24 * 365, 36 * 365));
    if (compareIsoDates(birthDate, addDays(today, -30)) > 0) continue;
    const childSex = random.chance(0.5) ? 'male' : 'female';
    const { grade, school } = schooling(random, birthDate, today);
    family.push({ relation: '子女', name: childSurname + demoGivenName(random, childSex), birthDate, workOrSchool: school, grade });
  }
  return family;
}
