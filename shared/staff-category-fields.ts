import type { StaffCategoryName } from './staff-record';

/**
 * Fields that only some categories of staff have (DOMAIN.md, People and places): a 辅警 is on a
 * labour contract with a level (层级, 1–n) and a star rating (星级辅警, 一星–五星); 民警 and 职工 have
 * a 职级 (民警: 职级/警衔) instead. One rule for every path that saves a person — the form, the
 * Excel import, the CLI and the demo seed (all through `planStaffSave`).
 */

/** A staff form field that only some categories have. */
export type CategoryOnlyField = 'auxLevel' | 'starRating' | 'rank';

/** The categories each such field applies to. */
export const categoriesOfField: Readonly<Record<CategoryOnlyField, readonly StaffCategoryName[]>> = {
  auxLevel: ['辅警'],
  starRating: ['辅警'],
  rank: ['民警', '职工'],
};

const fieldNames: Readonly<Record<CategoryOnlyField, string>> = { auxLevel: '辅警层级', starRating: '星级', rank: '职级' };

/** Whether a person of this category has the field (the form shows it; a save keeps it). */
export function fieldAppliesTo(field: CategoryOnlyField, category: StaffCategoryName | undefined): boolean {
  return category !== undefined && categoriesOfField[field].includes(category);
}

/** One filled field the person's category does not have. */
export interface CategoryFieldProblem {
  field: CategoryOnlyField;
  message: string;
}

function isFilled(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/**
 * The filled fields a person of this category may not have: 层级 and 星级 for anyone but a 辅警,
 * 职级 for a 辅警. Each message names the field and the category and says what to do.
 */
export function categoryFieldProblems(input: {
  category: StaffCategoryName;
  auxLevel?: number | null;
  starRating?: number | null;
  rank?: string | null;
}): CategoryFieldProblem[] {
  const problems: CategoryFieldProblem[] = [];
  for (const field of Object.keys(categoriesOfField) as CategoryOnlyField[]) {
    if (!isFilled(input[field]) || fieldAppliesTo(field, input.category)) continue;
    const allowed = categoriesOfField[field].join('和');
    problems.push({
      field,
      message: `人员类别为${input.category}，不能填写${fieldNames[field]}：${fieldNames[field]}只适用于${allowed}。请清空${fieldNames[field]}，或核对人员类别`,
    });
  }
  return problems;
}
