import { HORIZON_DAYS, type LifecycleEvent, type LifecycleHistory } from './lifecycle-history';

/**
 * Histories the lifecycle properties found (shrunk), each a defect fixed since; they run first,
 * at every run of the properties, as fixed examples (docs/reliability.md lists them).
 */

function history(
  invoices: [amountCents: number, dueIn: number][],
  events: LifecycleEvent[],
  overrides: Partial<LifecycleHistory> = {},
): LifecycleHistory {
  return {
    start: '2026-11-30',
    debtorType: 'consumer',
    email: false,
    phone: false,
    invoices: invoices.map(([amountCents, dueIn]) => ({ amountCents, dueIn, prescribesIn: 10 })),
    hours: Array.from({ length: HORIZON_DAYS }, () => 0),
    replays: [],
    events,
    ...overrides,
  };
}

/** A credit note for all of an invoice left it at 0 cents, unsettled: every later step failed (apply-credit-note.ts). */
export const CREDIT_NOTE_FOR_ALL_OF_AN_INVOICE = history(
  [
    [1, 0],
    [1, 0],
  ],
  [{ kind: 'credit-note', on: 0, invoice: 0, percent: 1 }],
);

/** A credit note after the write-off took the written-off cents off a second time (apply-credit-note.ts). */
export const CREDIT_NOTE_AFTER_WRITE_OFF = history(
  [[1, 0]],
  [
    { kind: 'close', on: 0, closure: 'written-off', percent: 1 },
    { kind: 'credit-note', on: 0, invoice: 0, percent: 1 },
  ],
);

/** Partly upheld below what was paid on it: the cent paid was neither recovered nor owed back (resolve-dispute.ts). */
export const PARTLY_UPHELD_BELOW_PAID = history(
  [[2, 0]],
  [
    { kind: 'plan', on: 0, count: 2, every: 7, paid: [false, true, false, false] },
    {
      kind: 'dispute',
      on: 0,
      invoices: null,
      resolution: { after: 8, outcome: 'partly-upheld', percent: 0 },
    },
  ],
);

/**
 * The cent kept on an invoice upheld down to what was paid was imputed again to the other invoice,
 * and the next payment was then a credit "owed back" (dossier-claim.ts, withoutKept).
 */
export const UPHELD_INVOICE_KEEPS_ITS_PAYMENT = history(
  [
    [1, 0],
    [1, 0],
  ],
  [
    { kind: 'promise', on: 0, days: 1, percent: 1, kept: true },
    { kind: 'dispute', on: 0, invoices: [0], resolution: { after: 1, outcome: 'upheld', percent: 0 } },
    { kind: 'payment', on: 1, invoice: null, percent: 1 },
  ],
);

/**
 * reminder-1's e-mail bounced after its overdue invoice was disputed: its letter went out on the
 * due date of the only invoice left, before it was late (level-repeats.ts).
 */
export const LETTER_FALLBACK_BEFORE_DUE = history(
  [
    [1, 0],
    [1, 7],
  ],
  [
    { kind: 'dispute', on: 3, invoices: [0], resolution: null },
    { kind: 'bounce', on: 3 },
  ],
  { email: true, hours: Array.from({ length: HORIZON_DAYS }, (_, i) => (i === 13 ? 6 : 0)) },
);

/**
 * An acknowledgment recorded on a written-off dossier put it back on the prescription sweep, which
 * then marked its written-off invoice time-barred too: written off twice (timeline-prescription.ts).
 * Found at 6,010 cases (seed 2026).
 */
export const ACKNOWLEDGMENT_AFTER_WRITE_OFF = history(
  [[1, -1_763]],
  [
    { kind: 'acknowledgment', on: 64 },
    { kind: 'close', on: 0, closure: 'written-off', percent: 1 },
  ],
  { debtorType: 'professional' },
);

/** By property name (LIFECYCLE_INVARIANTS): the examples each one runs first. */
export const REGRESSIONS: Record<string, LifecycleHistory[]> = {
  'every step succeeds': [CREDIT_NOTE_FOR_ALL_OF_AN_INVOICE],
  'money conserved': [
    CREDIT_NOTE_AFTER_WRITE_OFF,
    PARTLY_UPHELD_BELOW_PAID,
    UPHELD_INVOICE_KEEPS_ITS_PAYMENT,
    ACKNOWLEDGMENT_AFTER_WRITE_OFF,
  ],
  'no contact before the due date but the courtesy reminder': [LETTER_FALLBACK_BEFORE_DUE],
};
