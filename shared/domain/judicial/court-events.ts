import { addMonths, addYears, type LocalDate } from '../calendar';
import {
  ARTICLES,
  followUpAfter,
  nextJudicialCheck,
  OPPOSITION_MONTHS,
  SERVICE_MONTHS,
  SMALL_CLAIMS_ANSWER_MONTHS,
  TITLE_YEARS,
} from './court-deadlines';
import type { CourtDeadline, CourtEventKind, JudicialStage, JudicialState } from './judicial-state';

/**
 * Court and enforcement events applied to the judicial state (docs/legal.md §10, "Court events
 * and deadlines"). Pure: the API records an event, the daily judicial sweep watches the
 * deadlines these rules set. Each transition names its article; an event out of order is refused
 * with the reason, never silently taken (the timeline is the evidence a court will read).
 * The deadlines and their watch are in court-deadlines.ts, the title's effects in court-title.ts.
 *
 * The injonction de payer path (CPC 1405–1424):
 *   review → request-filed → order-issued (served within 6 months, CPC 1411) → order-served
 *   (opposition within 1 month, CPC 1416) → opposition (contested: a lawyer) | no opposition →
 *   enforceable formula (CPC 1422) → enforceable → enforcement-mandate → enforcement (acts).
 * The small-claims path (CPCE L125-1, R125-1 ff.): review → small-claims-invited (1 month to
 * answer, silence = refusal) → agreed (a title) | refused (back to review).
 */

export type EnforcementActKind =
  | 'saisie-attribution'
  | 'saisie-remunerations'
  | 'saisie-vente'
  | 'saisie-conservatoire'
  | 'other';

export interface CourtEvent {
  kind: CourtEventKind;
  date: LocalDate;
  /** enforcement-act only: what the commissaire de justice did and what it brought in. */
  act?: { kind: EnforcementActKind; recoveredCents?: number };
}

/** What follows from an accepted event, for the use case to carry out. */
export type CourtEffect =
  | { kind: 'lawyer-task' }
  | { kind: 'formula-task' }
  | { kind: 'enforcement-hand-off' }
  | { kind: 'recovered'; amountCents: number };

export type CourtEventResult =
  | { ok: true; state: JudicialState; effects: CourtEffect[]; article: string }
  | { ok: false; reason: string };

const FROM: Record<CourtEventKind, readonly JudicialStage[]> = {
  'request-filed': ['review', 'waiting', 'small-claims-refused'],
  'order-issued': ['request-filed'],
  'order-served': ['order-issued'],
  'opposition-received': ['order-served'],
  'no-opposition': ['order-served'],
  'enforceable-formula': ['order-served'],
  judgment: ['opposition', 'lawyer'],
  'small-claims-invited': ['review', 'waiting'],
  'small-claims-agreed': ['small-claims-invited'],
  'small-claims-refused': ['small-claims-invited'],
  'enforcement-mandate': ['enforceable', 'small-claims-agreed'],
  'enforcement-act': ['enforcement'],
};

/** Applies one court event; refuses it (with the reason) when it does not follow from the stage. */
export function applyCourtEvent(state: JudicialState, event: CourtEvent): CourtEventResult {
  const allowed = FROM[event.kind];
  if (!allowed.includes(state.stage)) {
    return {
      ok: false,
      reason: `${event.kind} cannot follow the stage ${state.stage} (expected after: ${allowed.join(', ')})`,
    };
  }
  const previous = lastEventDate(state);
  if (previous && event.date < previous) {
    return {
      ok: false,
      reason: `${event.kind} on ${event.date} is dated before the last court event (${previous})`,
    };
  }
  const events = { ...state.events, [event.kind]: event.date };
  const keep = (drop: CourtDeadline['kind'][]) => state.deadlines.filter((d) => !drop.includes(d.kind));
  const { reason: _r, followUpOn: _f, ...base } = state;
  const effects = effectsOf(event);
  const next = (stage: JudicialStage, deadlines: CourtDeadline[], article: string): CourtEventResult => {
    const nextState: JudicialState = { ...base, stage, events, deadlines };
    const check = nextJudicialCheck(nextState);
    if (check) nextState.nextCheckOn = check;
    else delete nextState.nextCheckOn;
    const followUp = followUpAfter(stage, event.date);
    if (followUp) nextState.followUpOn = followUp;
    return { ok: true, state: nextState, effects, article };
  };

  switch (event.kind) {
    case 'request-filed':
      return next('request-filed', keep(['small-claims-answer']), 'CPC 1407');
    case 'order-issued':
      return next(
        'order-issued',
        [...keep(['service']), deadline('service', addMonths(event.date, SERVICE_MONTHS), ARTICLES.service)],
        ARTICLES.service,
      );
    case 'order-served': {
      const service = state.deadlines.find((d) => d.kind === 'service');
      if (service && event.date > service.date) {
        return {
          ok: false,
          reason: `the order had to be served by ${service.date} (${ARTICLES.service}): it is void, file a new request`,
        };
      }
      return next(
        'order-served',
        [
          ...keep(['service', 'opposition']),
          deadline('opposition', addMonths(event.date, OPPOSITION_MONTHS), ARTICLES.opposition),
        ],
        ARTICLES.opposition,
      );
    }
    case 'opposition-received':
      // A late opposition's admissibility is the court's call (CPC 1416 al. 2: the month may run
      // from a later act served in person); the contested path goes to a lawyer either way.
      return next('opposition', keep(['opposition']), ARTICLES.opposition);
    case 'no-opposition': {
      const window = state.deadlines.find((d) => d.kind === 'opposition');
      if (window && event.date <= window.date) {
        return {
          ok: false,
          reason: `the opposition window runs to ${window.date} (${ARTICLES.opposition}): no-opposition can be recorded from the day after`,
        };
      }
      return next('order-served', keep(['opposition']), ARTICLES.formula);
    }
    case 'enforceable-formula': {
      const window = state.deadlines.find((d) => d.kind === 'opposition');
      if (!state.events['no-opposition'] && window && event.date <= window.date) {
        return {
          ok: false,
          reason: `the enforceable formula is asked once the opposition window has ended (${window.date}, ${ARTICLES.formula})`,
        };
      }
      return titled(next, keep, event.date, ARTICLES.formula);
    }
    case 'judgment':
      return titled(next, keep, event.date, ARTICLES.judgment);
    case 'small-claims-invited':
      return next(
        'small-claims-invited',
        [
          ...keep(['small-claims-answer']),
          deadline(
            'small-claims-answer',
            addMonths(event.date, SMALL_CLAIMS_ANSWER_MONTHS),
            ARTICLES.smallClaims,
          ),
        ],
        ARTICLES.smallClaims,
      );
    case 'small-claims-agreed':
      // The agreement the commissaire de justice records is a title (CPCE L111-3 7°), but not one
      // of L111-3 1°–3°: L111-4's 10 years do not apply; it acknowledges the claim (C.civ. 2240),
      // whose own period starts again (judicialPrescriptionEvents).
      return next('small-claims-agreed', keep(['small-claims-answer']), ARTICLES.smallClaims);
    case 'small-claims-refused': {
      const result = next('review', keep(['small-claims-answer']), ARTICLES.smallClaims);
      if (result.ok) result.state.reason = 'the debtor refused the small-claims procedure';
      return result;
    }
    case 'enforcement-mandate':
      return next('enforcement', state.deadlines, ARTICLES.enforcement);
    case 'enforcement-act':
      return next('enforcement', state.deadlines, ARTICLES.enforcement);
  }
}

/**
 * What follows from an event, by its kind alone: a delivery retried after a crash carries out
 * the same effects (each one idempotent) even when the state already holds the event.
 */
export function effectsOf(event: CourtEvent): CourtEffect[] {
  switch (event.kind) {
    case 'opposition-received':
      return [{ kind: 'lawyer-task' }];
    case 'no-opposition':
      return [{ kind: 'formula-task' }];
    case 'enforcement-mandate':
      return [{ kind: 'enforcement-hand-off' }];
    case 'enforcement-act': {
      const recovered = event.act?.recoveredCents ?? 0;
      return recovered > 0 ? [{ kind: 'recovered', amountCents: recovered }] : [];
    }
    default:
      return [];
  }
}

/** An enforceable title (the formula on the order, or a judgment): 10 years to enforce it. */
function titled(
  next: (stage: JudicialStage, deadlines: CourtDeadline[], article: string) => CourtEventResult,
  keep: (drop: CourtDeadline['kind'][]) => CourtDeadline[],
  date: LocalDate,
  article: string,
): CourtEventResult {
  return next(
    'enforceable',
    [
      ...keep(['opposition', 'service', 'title-limitation']),
      deadline('title-limitation', addYears(date, TITLE_YEARS), ARTICLES.title),
    ],
    article,
  );
}

function deadline(kind: CourtDeadline['kind'], date: LocalDate, article: string): CourtDeadline {
  return { kind, date, article, alerted: [] };
}

function lastEventDate(state: JudicialState): LocalDate | undefined {
  const dates = Object.values(state.events).filter((d): d is LocalDate => typeof d === 'string');
  return dates.length > 0 ? dates.sort().at(-1) : undefined;
}
