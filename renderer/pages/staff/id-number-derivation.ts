import { parseIdNumber } from '../../../shared/id-number';
import { ageOn } from '../../../shared/person-derivations';
import {
  computeRetirement,
  defaultRetirementBase,
  formatRetirementAge,
  RETIREMENT_BASE_LABELS,
  type RetirementBase,
  type StaffCategory,
} from '../../../shared/retirement-date';

/** What the staff form shows live under the 身份证号 field once the number is valid. */
export interface IdNumberDerivation {
  /** The 18-character number that will be stored. */
  idNumber: string;
  /** The 15-digit old number typed, when it was upgraded to `idNumber` (GB 11643). */
  upgradedFrom?: string;
  birthDate: string;
  gender: '男' | '女';
  age: number;
  base: RetirementBase;
  /** True when the base is the default for gender and category (the clerk did not choose one). */
  baseIsDefault: boolean;
  baseLabel: string;
  retirementAge: string;
  /** The computed statutory date, before any override. */
  retirementDate: string;
}

/**
 * Birth date, gender, age and the statutory retirement date (渐进式延迟退休) a valid identity number
 * gives; null while the number is empty or invalid (the field's rule then shows why).
 */
export function deriveFromIdNumber(
  idNumber: string | undefined,
  today: string,
  category: StaffCategory | undefined,
  chosenBase: RetirementBase | null | undefined,
): IdNumberDerivation | null {
  if (!idNumber) return null;
  const parsed = parseIdNumber(idNumber, today);
  if (!parsed.ok) return null;
  const { birthDate, gender } = parsed.value;
  const base = chosenBase ?? defaultRetirementBase(gender, category ?? '民警');
  const retirement = computeRetirement(birthDate, base);
  return {
    idNumber: parsed.value.idNumber,
    ...(parsed.value.upgradedFrom ? { upgradedFrom: parsed.value.upgradedFrom } : {}),
    birthDate,
    gender: gender === 'male' ? '男' : '女',
    age: ageOn(birthDate, today),
    base,
    baseIsDefault: !chosenBase,
    baseLabel: RETIREMENT_BASE_LABELS[base],
    retirementAge: formatRetirementAge(retirement.retirementAge),
    retirementDate: retirement.retirementDate,
  };
}
