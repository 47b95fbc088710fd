import { describe, expect, it } from 'vitest';
import { categoryFieldProblems, fieldAppliesTo } from '../../shared/staff-category-fields';

describe('fields only some categories have', () => {
  it('gives 层级 and 星级 to 辅警 only, 职级 to 民警 and 职工', () => {
    expect(fieldAppliesTo('auxLevel', '辅警')).toBe(true);
    expect(fieldAppliesTo('starRating', '民警')).toBe(false);
    expect(fieldAppliesTo('rank', '职工')).toBe(true);
    expect(fieldAppliesTo('rank', '辅警')).toBe(false);
  });

  it('refuses a 民警 with 层级 or 星级, naming the field and the category', () => {
    const problems = categoryFieldProblems({ category: '民警', auxLevel: 3, starRating: 2, rank: '一级警长' });
    expect(problems.map((p) => p.field)).toEqual(['auxLevel', 'starRating']);
    expect(problems[0].message).toBe('人员类别为民警，不能填写辅警层级：辅警层级只适用于辅警。请清空辅警层级，或核对人员类别');
  });

  it('refuses a 辅警 with a 职级 and accepts empty fields of any category', () => {
    expect(categoryFieldProblems({ category: '辅警', auxLevel: 2, starRating: 3, rank: '一级警长' })).toEqual([
      { field: 'rank', message: '人员类别为辅警，不能填写职级：职级只适用于民警和职工。请清空职级，或核对人员类别' },
    ]);
    expect(categoryFieldProblems({ category: '职工', auxLevel: null, starRating: undefined, rank: '' })).toEqual([]);
  });
});
