import type { JudicialState } from '../../shared/domain/judicial/judicial-state';

/** A dossier's judicial state at review (an injonction de payer recommended), for the court-event tests. */
export function aJudicialState(overrides: Partial<JudicialState> = {}): JudicialState {
  return {
    stage: 'review',
    recommendation: {
      path: 'injonction-de-payer',
      amount: {
        currency: 'EUR',
        principalCents: 100_000,
        interestCents: 0,
        indemnityCents: 0,
        totalCents: 100_000,
        computedThrough: '2026-01-05',
      },
      reasons: [],
      reviewedOn: '2026-01-05',
    },
    events: {},
    deadlines: [],
    ...overrides,
  };
}
