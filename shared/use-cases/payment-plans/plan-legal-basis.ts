import type { PlanActionRef } from '../../domain/payment-plan-step';

/** What a payment plan's message rests on, recorded with it on the timeline (docs/legal.md §14). */
export function planLegalBasis(ref: PlanActionRef): string[] {
  if (ref.message === 'notice')
    return [
      'C.civ. 1344 (mise en demeure)',
      'C.civ. 1225 al. 2 (a lapse follows an unheeded notice unless expressly waived)',
      'Cass. 1re civ., 3 June 2015, n° 14-15.655',
    ];
  return [
    'C.civ. 1342 (amicable payment plan granted by the creditor)',
    'C.civ. 1343-5 (reference: 2 years)',
  ];
}
