/**
 * What a judicial state means outside the court: for the prescription engine (a court claim, a
 * title, an enforcement act) and for the interest engine (the judgment's legal rate). Apart from
 * court-events.ts because the legal engines read it, never the event rules.
 */
import { type LocalDate, minDate } from '../calendar';
import type { PrescriptionEvent } from '../legal/prescription';
import type { JudicialState } from './judicial-state';

/** The day the title became enforceable (formula on the order, or a judgment), if any. */
export function titleDate(state: JudicialState | undefined): LocalDate | undefined {
  if (!state) return undefined;
  return minDate([state.events['enforceable-formula'], state.events.judgment].filter(isDate));
}

/**
 * What the judicial phase means for the prescription engine (docs/legal.md §1): the service of
 * the order is a court claim (C.civ. 2241), the enforceable title converts the period to 10
 * years (CPCE L111-4), an enforcement act restarts it (C.civ. 2244).
 */
export function judicialPrescriptionEvents(state: JudicialState | undefined): PrescriptionEvent[] {
  if (!state) return [];
  const out: PrescriptionEvent[] = [];
  const served = state.events['order-served'];
  if (served) out.push({ type: 'court-claim', date: served });
  const title = titleDate(state);
  if (title) out.push({ type: 'judgment', date: title });
  const act = state.events['enforcement-act'];
  if (act && title && act >= title) out.push({ type: 'enforcement', date: act });
  // The debtor's agreement recorded by the commissaire de justice acknowledges the claim
  // (C.civ. 2240): the claim's own period starts again from it. It is a title (CPCE L111-3 7°,
  // L125-1) but not one of L111-3 1° to 3°, so L111-4's 10 years do not apply (docs/legal.md §10).
  const agreed = state.events['small-claims-agreed'];
  if (agreed && !title) out.push({ type: 'acknowledgment', date: agreed });
  return out;
}

/** Legal events for the interest engine: after the title, the legal rate, +5 points 2 months on (CMF L313-3). */
export function judicialClaimEvents(
  state: JudicialState | undefined,
): { type: 'judgment'; date: LocalDate }[] {
  const title = titleDate(state);
  return title ? [{ type: 'judgment', date: title }] : [];
}

function isDate(value: LocalDate | undefined): value is LocalDate {
  return value !== undefined;
}
