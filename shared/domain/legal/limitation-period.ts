import { addYears, type LocalDate } from '../calendar';
import type { ClaimNature, DebtorType } from '../parties';

/**
 * Limitation period (prescription) of a claim, by nature (docs/legal.md §1).
 * The full engine (interruption, suspension, 20-year cap) builds on this table.
 */
export interface LimitationRule {
  years: number;
  /** Which date starts the period. */
  startsFrom: 'due-date' | 'performance-date' | 'first-missed-payment' | 'enforceable-date';
  /** A foreclosure (forclusion) cannot be interrupted or suspended. */
  foreclosure: boolean;
  source: string;
}

export function limitationRule(nature: ClaimNature, debtorType: DebtorType): LimitationRule {
  switch (nature) {
    case 'commercial':
      // Between merchants, or merchant vs non-merchant from their trade: 5 years from the due date.
      return { years: 5, startsFrom: 'due-date', foreclosure: false, source: 'C.com. L110-4 I; C.civ. 2233' };
    case 'consumer':
      // Professional vs consumer: 2 years from performance/delivery. Not for a non-professional
      // legal person (L218-2 protects consumers only): the general 5 years apply.
      if (debtorType === 'consumer') {
        return { years: 2, startsFrom: 'performance-date', foreclosure: false, source: 'C.conso L218-2' };
      }
      return { years: 5, startsFrom: 'due-date', foreclosure: false, source: 'C.civ. 2224, 2233' };
    case 'residential-rent':
      return { years: 3, startsFrom: 'due-date', foreclosure: false, source: 'Loi 89-462 art. 7-1' };
    case 'salary':
      return { years: 3, startsFrom: 'due-date', foreclosure: false, source: 'C.trav. L3245-1' };
    case 'consumer-credit':
      return { years: 2, startsFrom: 'first-missed-payment', foreclosure: true, source: 'C.conso R312-35' };
    case 'judgment':
      return { years: 10, startsFrom: 'enforceable-date', foreclosure: false, source: 'CPCE L111-4' };
    case 'civil':
      return { years: 5, startsFrom: 'due-date', foreclosure: false, source: 'C.civ. 2224, 2233' };
  }
}

/**
 * Last day on which the claim can still be pursued without an interrupting act.
 * A period of N years starting on day D ends on the same calendar day N years later
 * (computation "de quantième à quantième", C.civ. 2228-2229: the first day does not count,
 * the period ends at the end of its last day).
 */
export function basePrescriptionDate(
  nature: ClaimNature,
  debtorType: DebtorType,
  dates: { dueDate: LocalDate; performanceDate?: LocalDate },
): { date: LocalDate; rule: LimitationRule } {
  const rule = limitationRule(nature, debtorType);
  const start =
    rule.startsFrom === 'performance-date' ? (dates.performanceDate ?? dates.dueDate) : dates.dueDate;
  return { date: addYears(start, rule.years), rule };
}
