import { addDays, addMonths, addYears, daysBetween, type LocalDate, minDate } from '../calendar';
import type { PrescriptionEvent } from '../legal/prescription';
import type { CourtDeadline, CourtEventKind, JudicialStage, JudicialState } from './judicial-state';

/**
 * Court and enforcement events applied to the judicial state (docs/legal.md §10, "Court events
 * and deadlines"). Pure: the API records an event, the daily judicial sweep watches the
 * deadlines these rules set. Each transition names its article; an event out of order is refused
 * with the reason, never silently taken (the timeline is the evidence a court will read).
 *
 * The injonction de payer path (CPC 1405–1424):
 *   review → request-filed → order-issued (served within 6 months, CPC 1411) → order-served
 *   (opposition within 1 month, CPC 1416) → opposition (contested: a lawyer) | no opposition →
 *   enforceable formula (CPC 1422) → enforceable → enforcement-mandate → enforcement (acts).
 * The small-claims path (CPCE L125-1, R125-1 ff.): review → small-claims-invited (1 month to
 * answer, silence = refusal) → agreed (a title) | refused (back to review).
 */

/** CPC 1411: an order not served within 6 months of its date is void (non avenue). */
export const SERVICE_MONTHS = 6;
/** CPC 1416: opposition within one month of the service. */
export const OPPOSITION_MONTHS = 1;
/** CPCE R125-5 ff. (docs/legal.md §10): the debtor has one month to answer the invitation; silence is a refusal. */
export const SMALL_CLAIMS_ANSWER_MONTHS = 1;
/** CPCE L111-4: a title of CPCE L111-3 1° to 3° is enforced for 10 years. */
export const TITLE_YEARS = 10;
/** Alerts to the creditor before the service deadline, by days-before. */
export const SERVICE_ALERT_DAYS = [30, 7] as const;

export const ARTICLES = {
  service: 'CPC 1411',
  opposition: 'CPC 1416',
  formula: 'CPC 1422',
  smallClaims: 'CPCE L125-1, R125-1 ff.',
  title: 'CPCE L111-4',
  enforcement: 'CPCE L122-1 (commissaire de justice); C.civ. 2244',
  judgment: 'CPC 1417–1420 (opposition judged); C.civ. 1231-7',
} as const;

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
  const { reason: _r, ...base } = state;
  const effects = effectsOf(event);
  const next = (stage: JudicialStage, deadlines: CourtDeadline[], article: string): CourtEventResult => {
    const nextState: JudicialState = { ...base, stage, events, deadlines };
    const check = nextJudicialCheck(nextState);
    if (check) nextState.nextCheckOn = check;
    else delete nextState.nextCheckOn;
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
      // of L111-3 1°–3°: L111-4's 10 years do not apply, the claim's own period runs on.
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
  return out;
}

/** Legal events for the interest engine: after the title, the legal rate, +5 points 2 months on (CMF L313-3). */
export function judicialClaimEvents(
  state: JudicialState | undefined,
): { type: 'judgment'; date: LocalDate }[] {
  const title = titleDate(state);
  return title ? [{ type: 'judgment', date: title }] : [];
}

/** The next day the judicial sweep must look at the state: an alert to send, a deadline passed. */
export function nextJudicialCheck(state: JudicialState): LocalDate | undefined {
  const candidates: LocalDate[] = [];
  for (const d of state.deadlines) {
    if (d.kind === 'title-limitation') continue; // the prescription sweep watches the title's 10 years
    if (d.kind === 'service') {
      for (const days of SERVICE_ALERT_DAYS)
        if (!d.alerted.includes(days)) candidates.push(addDays(d.date, -days));
    }
    candidates.push(addDays(d.date, 1));
  }
  // A day already behind us (an order recorded late) is simply due: the next sweep takes it.
  return minDate(candidates);
}

/** What the judicial sweep must do for one dossier today. Pure. */
export interface JudicialReview {
  /** Alerts to the creditor before the service deadline (only the tightest threshold reached). */
  alerts: { kind: CourtDeadline['kind']; daysBefore: number; deadline: LocalDate; article: string }[];
  /** The order was not served in time: void (CPC 1411), back to review. */
  lapsed?: { deadline: LocalDate; article: string };
  /** The opposition window ended without an opposition recorded: ask for the formula (CPC 1422). */
  oppositionWindowEnded?: { deadline: LocalDate; article: string };
  /** Silence on the small-claims invitation for a month is a refusal: back to review. */
  smallClaimsRefused?: { deadline: LocalDate; article: string };
  state: JudicialState;
}

export function reviewJudicialDeadlines(state: JudicialState, today: LocalDate): JudicialReview {
  const alerts: JudicialReview['alerts'] = [];
  const review: Omit<JudicialReview, 'state' | 'alerts'> = {};
  let stage = state.stage;
  let reason: string | undefined = state.reason;
  const deadlines: CourtDeadline[] = [];
  for (const d of state.deadlines) {
    if (d.kind === 'service' && state.stage === 'order-issued') {
      if (today > d.date) {
        review.lapsed = { deadline: d.date, article: d.article };
        stage = 'review';
        reason = `the order was not served by ${d.date}: void (${d.article})`;
        continue;
      }
      const left = daysBetween(today, d.date);
      const due = SERVICE_ALERT_DAYS.filter((days) => left <= days && !d.alerted.includes(days));
      if (due.length > 0) {
        const tightest = Math.min(...due);
        alerts.push({ kind: 'service', daysBefore: tightest, deadline: d.date, article: d.article });
        const sent = SERVICE_ALERT_DAYS.filter((days) => days >= tightest);
        deadlines.push({ ...d, alerted: [...new Set([...d.alerted, ...sent])].sort((a, b) => b - a) });
        continue;
      }
    }
    if (d.kind === 'opposition' && state.stage === 'order-served' && today > d.date) {
      review.oppositionWindowEnded = { deadline: d.date, article: ARTICLES.formula };
      continue;
    }
    if (d.kind === 'small-claims-answer' && state.stage === 'small-claims-invited' && today > d.date) {
      review.smallClaimsRefused = { deadline: d.date, article: d.article };
      stage = 'review';
      reason = `no answer to the small-claims invitation by ${d.date}: a refusal (${d.article})`;
      continue;
    }
    deadlines.push(d);
  }
  const { reason: _r, nextCheckOn: _n, ...base } = state;
  const next: JudicialState = { ...base, stage, deadlines, ...(reason ? { reason } : {}) };
  const check = nextJudicialCheck(next);
  if (check) next.nextCheckOn = check;
  return { ...review, alerts, state: next };
}

function isDate(value: LocalDate | undefined): value is LocalDate {
  return value !== undefined;
}
