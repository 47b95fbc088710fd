import type { z } from 'zod';
import { compareIsoDates, isValidIsoDate } from '../../shared/china-date';
import { ageOn, childExamYearsOf, examYearsFromGrade, schoolYearStartYearOn } from '../../shared/person-derivations';
import { familyInputSchema, familyRelations, type FamilyMemberItem, type FamilyRelation } from '../../shared/staff-record';
import type { PersonRecordKind, RecordProblem } from './person-records';
import type { FamilyMemberRow } from './staff-rows';

/** The family form after validation. */
export type ParsedFamilyInput = z.output<typeof familyInputSchema>;

function examYearsOfGrade(grade: string | null | undefined, today: string) {
  return grade ? examYearsFromGrade(grade, schoolYearStartYearOn(today)) : null;
}

/**
 * A family member as the drawer shows them. For a child (子女) the 中考/高考 years are the ones
 * entered (or derived from the grade when saved); failing those, estimated from the birth date
 * (school entry at six by 31 August, see `childExamYears`). Null for other relations when not entered.
 */
export function toFamilyMemberItem(row: FamilyMemberRow, today: string): FamilyMemberItem {
  const relation: FamilyRelation = (familyRelations as readonly string[]).includes(row.relation ?? '') ? (row.relation as FamilyRelation) : '子女';
  const birthDate = row.birth_date && isValidIsoDate(row.birth_date) ? row.birth_date : null;
  const isChild = relation === '子女';
  const exams = isChild ? childExamYearsOf({ zhongkaoYear: row.zhongkao_year, gaokaoYear: row.gaokao_year, grade: row.grade, birthDate }, today) : null;
  return {
    id: row.id,
    staffId: row.staff_id ?? '',
    relation,
    name: row.name ?? '',
    birthDate,
    age: birthDate && compareIsoDates(birthDate, today) <= 0 ? ageOn(birthDate, today) : null,
    phone: row.phone,
    workOrSchool: row.work_or_school,
    grade: row.grade,
    zhongkaoYear: exams ? exams.zhongkao : row.zhongkao_year,
    gaokaoYear: exams ? exams.gaokao : row.gaokao_year,
    notes: row.notes,
  };
}

/**
 * The exam years to store for a child: the years entered; or, when a grade is given and the years
 * were left empty (or the grade changed while the years stayed as stored), the years derived from
 * the grade in the current school year (初三 in 2026–27 → 中考 2027, 高考 2030), so they stay right
 * after the grade text goes stale next September.
 */
function examYearsToStore(input: ParsedFamilyInput, existing: FamilyMemberRow | undefined, today: string) {
  const entered = { zhongkao: input.zhongkaoYear ?? null, gaokao: input.gaokaoYear ?? null };
  if (input.relation !== '子女') return entered;
  const fromGrade = examYearsOfGrade(input.grade, today);
  if (!fromGrade) return entered;
  const gradeChanged = existing !== undefined && (existing.grade ?? null) !== (input.grade ?? null);
  const untouched = existing !== undefined && entered.zhongkao === existing.zhongkao_year && entered.gaokao === existing.gaokao_year;
  if ((entered.zhongkao === null && entered.gaokao === null) || (gradeChanged && untouched)) return fromGrade;
  return { zhongkao: entered.zhongkao ?? fromGrade.zhongkao, gaokao: entered.gaokao ?? fromGrade.gaokao };
}

/**
 * 家属: a person record of `family_member`. A birth date after today is refused, and so is a second
 * 配偶 (《民法典》第一千零四十一条: 一夫一妻; a remarriage replaces the record of the former spouse).
 */
export const familyRecords: PersonRecordKind<'family_member', ParsedFamilyInput, FamilyMemberItem> = {
  table: 'family_member',
  notFoundMessage: '找不到这位家属（可能已被删除），请刷新后重试。',
  check: (input, { today, others }) => {
    const problems: RecordProblem[] = [];
    if (input.birthDate && compareIsoDates(input.birthDate, today) > 0) problems.push({ field: 'birthDate', message: `出生日期 ${input.birthDate} 晚于今天，请核对` });
    const spouse = input.relation === '配偶' ? others.find((other) => other.relation === '配偶') : undefined;
    if (spouse) {
      problems.push({
        field: 'relation',
        message: `已登记配偶「${String(spouse.name ?? '')}」，一人只能有一位配偶。如已再婚，请先删除或修改原配偶的记录`,
      });
    }
    return problems;
  },
  values: (input, { existing, today }) => {
    const exams = examYearsToStore(input, existing, today);
    return {
      relation: input.relation,
      name: input.name,
      birth_date: input.birthDate ?? null,
      phone: input.phone || null,
      work_or_school: input.workOrSchool || null,
      grade: input.grade || null,
      zhongkao_year: exams.zhongkao,
      gaokao_year: exams.gaokao,
      notes: input.notes || null,
    };
  },
  toItem: toFamilyMemberItem,
  sheet: {
    sheetNames: ['家属', '家属信息', '家庭成员', '家属名单'],
    columns: [
      {
        field: 'relation', column: 'relation', header: '关系', aliases: ['与本人关系', '家属关系', '称谓', '与民警关系', '与本人的关系'], kind: 'relation', required: true, width: 12,
        options: familyRelations,
      },
      { field: 'name', column: 'name', header: '姓名', aliases: ['家属姓名', '家属', '成员姓名', '家庭成员姓名'], kind: 'name', required: true, width: 10 },
      { field: 'birthDate', column: 'birth_date', header: '出生日期', aliases: ['出生年月', '生日', '家属出生日期'], kind: 'date', required: false, width: 12 },
      {
        field: 'workOrSchool', column: 'work_or_school', header: '工作单位或学校', aliases: ['工作单位', '学校', '工作单位/学校', '单位或学校', '工作单位及职务', '就读学校', '工作（学习）单位'],
        kind: 'text', required: false, width: 20,
      },
      { field: 'phone', column: 'phone', header: '联系电话', aliases: ['电话', '手机', '手机号码', '家属电话', '联系方式'], kind: 'phone', required: false, width: 14, soft: true },
      { field: 'grade', column: 'grade', header: '年级', aliases: ['就读年级'], kind: 'text', required: false, width: 8 },
      { field: 'zhongkaoYear', column: 'zhongkao_year', header: '中考年份', aliases: ['中考年度'], kind: 'count', required: false, width: 9 },
      { field: 'gaokaoYear', column: 'gaokao_year', header: '高考年份', aliases: ['高考年度'], kind: 'count', required: false, width: 9 },
      { field: 'notes', column: 'notes', header: '备注', aliases: ['说明'], kind: 'text', required: false, width: 20 },
    ],
    matchOn: ['relation', 'name'],
    parse: (raw) => familyInputSchema.safeParse(raw),
    describe: (input) => `${input.relation} ${input.name}`,
  },
};

