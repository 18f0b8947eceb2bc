import type { DebtorType } from './parties';

/**
 * How the debtor has paid so far, from the ladders the dossier went through: a first-time
 * debtor, a good payer who was late once, or a recurrent late payer. The segment picks the
 * scenario (gentler for a good payer, firmer for a recurrent one).
 */
export type DebtorSegment = 'new-customer' | 'good-payer-late-once' | 'recurrent-late-payer';

export interface PaymentHistory {
  /** Ladders that ended with everything paid. */
  settledLadders: number;
  /** Of those, the ones paid only after the second reminder or later. */
  lateLadders: number;
}

/** A ladder paid after reminder-2 or later counts as late (it took more than a nudge). */
export const LATE_FROM_LEVEL_INDEX = 2;

export function segmentOf(history: PaymentHistory | undefined): DebtorSegment {
  if (!history || history.settledLadders === 0) return 'new-customer';
  return history.lateLadders >= 2 ? 'recurrent-late-payer' : 'good-payer-late-once';
}

/** The history after one more ladder settled at `levelIndex` (the highest level it reached). */
export function withSettledLadder(history: PaymentHistory | undefined, levelIndex: number): PaymentHistory {
  const previous = history ?? { settledLadders: 0, lateLadders: 0 };
  return {
    settledLadders: previous.settledLadders + 1,
    lateLadders: previous.lateLadders + (levelIndex >= LATE_FROM_LEVEL_INDEX ? 1 : 0),
  };
}

/** Key of a tenant's scenario choice: `b2b:recurrent-late-payer`, `b2c:new-customer`… */
export type SegmentKey = `${'b2b' | 'b2c'}:${DebtorSegment}`;

export function segmentKey(debtorType: DebtorType, segment: DebtorSegment): SegmentKey {
  return `${debtorType === 'consumer' ? 'b2c' : 'b2b'}:${segment}`;
}
