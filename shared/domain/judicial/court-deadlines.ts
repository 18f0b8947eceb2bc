/**
 * The court deadlines and the daily watch over them (docs/legal.md §10, "Court events and
 * deadlines"): the periods the law sets, the articles they cite, the next day the judicial sweep
 * must look at a dossier, and what it finds there. Apart from court-events.ts: the events set the
 * deadlines, the sweep watches them, and each reads on its own.
 */
import { addDays, addMonths, daysBetween, type LocalDate, minDate } from '../calendar';
import type { CourtDeadline, JudicialStage, JudicialState } from './judicial-state';

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

/** Months without an enforcement act before the judicial step asks the creditor for news (practice, not a legal deadline). */
export const ENFORCEMENT_FOLLOW_UP_MONTHS = 3;

/**
 * Stages with no court deadline that the judicial step follows up (judicial-step.ts): the
 * opposition (contested path: a lawyer, CPC 1417), a title not yet handed to a commissaire de
 * justice (CPCE L122-1), enforcement without news for 3 months. The first two the next morning.
 */
export function followUpAfter(stage: JudicialStage, date: LocalDate): LocalDate | undefined {
  if (stage === 'opposition' || stage === 'enforceable' || stage === 'small-claims-agreed') return date;
  if (stage === 'enforcement') return addMonths(date, ENFORCEMENT_FOLLOW_UP_MONTHS);
  return undefined;
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
