import { addDays, addMonths, addYears, daysBetween, type LocalDate, maxDate, minDate } from '../calendar';
import type { ClaimNature, DebtorType } from '../parties';
import { type LimitationRule, limitationRule } from './limitation-period';

/**
 * Prescription (limitation) of one claim, event by event (docs/legal.md §1).
 *
 * Dates are calendar days. `deadline` is the last day on which the creditor can still act
 * (C.civ. 2228–2229: the period ends at the end of its last day); the claim is time-barred
 * from the day after. Each event either restarts a full period (interruption, C.civ. 2231),
 * stops the clock (suspension, C.civ. 2230, 2238), or does nothing — and the chain says
 * which and why, because the creditor (and a court) must be able to follow the reasoning.
 */

export type PrescriptionEventType =
  | 'acknowledgment'
  | 'partial-payment'
  | 'formal-notice'
  | 'court-claim'
  | 'enforcement'
  | 'mediation-start'
  | 'mediation-end'
  | 'small-claims-start'
  | 'small-claims-end'
  | 'judgment';

export interface PrescriptionEvent {
  type: PrescriptionEventType;
  date: LocalDate;
}

export interface PrescriptionInput {
  nature: ClaimNature;
  debtorType: DebtorType;
  /** For consumer credit: the first unremedied missed instalment; for a judgment: the day it became enforceable. */
  dueDate: LocalDate;
  performanceDate?: LocalDate;
  issueDate?: LocalDate;
  events: readonly PrescriptionEvent[];
  asOf: LocalDate;
}

export type ChainEffect =
  | 'starts'
  | 'interrupts'
  | 'suspends'
  | 'resumes'
  | 'converts'
  | 'action-brought'
  | 'capped'
  | 'none';

export interface ChainLink {
  date: LocalDate;
  event: PrescriptionEventType | 'period-start' | 'cap';
  effect: ChainEffect;
  /** The deadline once this link is applied. */
  deadline: LocalDate;
  article: string;
  note?: string;
}

export interface PrescriptionOutcome {
  /** Last day to act (interrupt, sue). */
  deadline: LocalDate;
  /** asOf is after the deadline: the claim can no longer be pursued (C.civ. 2219). */
  reached: boolean;
  /** Consumer credit is a foreclosure (forclusion, C.conso R312-35), not a prescription. */
  kind: 'prescription' | 'foreclosure';
  /** A suspension (mediation, small claims) is still running on asOf. */
  suspended: boolean;
  /** A court claim is pending with no judgment recorded: the interruption lasts (C.civ. 2242). */
  courtClaimPending: boolean;
  chain: ChainLink[];
}

/** C.civ. 2238 al. 2: when a mediation or small-claims procedure ends, at least 6 months remain. */
const MINIMUM_MONTHS_AFTER_SUSPENSION = 6;
/** C.civ. 2232: no postponement, suspension or interruption carries the period beyond 20 years. */
const CAP_YEARS = 20;
/** CPCE L111-4: a judgment is enforced for 10 years, or longer if the claim's own period is longer. */
const JUDGMENT_YEARS = 10;

const FORMAL_NOTICE_ARTICLE = 'C.civ. 2240–2244 (closed list); Cass. com. 18 May 2022, n° 20-23.204';

export function prescriptionStart(rule: LimitationRule, input: PrescriptionInput): LocalDate {
  // C.conso L218-2 runs from the performance/delivery, not the invoice. Without a performance date
  // we fall back to the due date (documented default, docs/legal.md): give the performance date
  // whenever it is known, or the deadline may be shown later than the law's.
  return rule.startsFrom === 'performance-date' ? (input.performanceDate ?? input.dueDate) : input.dueDate;
}

export function computePrescription(input: PrescriptionInput): PrescriptionOutcome {
  const rule = limitationRule(input.nature, input.debtorType);
  const start = prescriptionStart(rule, input);
  const base = addYears(start, rule.years);
  // 2232 counts from the birth of the right: the earliest date we know of the claim.
  const birth = minDate([input.dueDate, input.issueDate, input.performanceDate].filter(isDate)) ?? start;
  const cap = maxDate([addYears(birth, CAP_YEARS), base]) ?? base;

  let years = rule.years;
  let foreclosure = rule.foreclosure;
  let deadline = base;
  let suspension: { since: LocalDate; remainingDays: number } | undefined;
  let pending = false;
  // 2232 al. 2: the cap does not apply after a court claim (2241 al. 1) or an enforcement measure (2244).
  let capApplies = true;
  let capped = false;
  const chain: ChainLink[] = [
    {
      date: start,
      event: 'period-start',
      effect: 'starts',
      deadline,
      article: rule.source,
      note: `${rule.years}-year ${foreclosure ? 'foreclosure' : 'prescription'} from the ${rule.startsFrom.replace('-', ' ')}`,
    },
  ];
  const link = (ev: PrescriptionEvent, effect: ChainEffect, article: string, note?: string) =>
    chain.push({ date: ev.date, event: ev.type, effect, deadline, article, ...(note ? { note } : {}) });
  const restart = (from: LocalDate) => {
    const next = addYears(from, years);
    // A period never ends earlier because of a later event (e.g. an acknowledgment during the 6-month tail).
    const later = maxDate([next, deadline])!;
    if (capApplies && !foreclosure && later > cap) capped = true;
    deadline = capApplies && !foreclosure ? minDate([later, cap])! : later;
  };

  const events = input.events
    .filter((ev) => ev.date <= input.asOf)
    .map((ev, index) => ({ ev, index }))
    .sort((a, b) => a.ev.date.localeCompare(b.ev.date) || a.index - b.index)
    .map(({ ev }) => ev);

  for (const ev of events) {
    if (!pending && !suspension && ev.date > deadline) {
      link(
        ev,
        'none',
        'C.civ. 2219',
        'too late: the claim was already time-barred (a waiver, C.civ. 2250–2251, is for a lawyer to assess)',
      );
      continue;
    }
    if (ev.date < start) {
      link(ev, 'none', rule.source, 'before the period started: it starts on its own date regardless');
      continue;
    }
    switch (ev.type) {
      case 'formal-notice':
        // The trap: a mise en demeure, even registered, is not on the closed list of interrupting acts.
        link(ev, 'none', FORMAL_NOTICE_ARTICLE, 'a formal notice does not interrupt prescription');
        break;
      case 'acknowledgment':
      case 'partial-payment':
        if (foreclosure) {
          link(ev, 'none', 'C.conso R312-35', 'a foreclosure cannot be interrupted');
        } else if (pending) {
          link(
            ev,
            'none',
            'C.civ. 2242',
            'a court claim is pending: the interruption already lasts until it ends',
          );
        } else {
          restart(ev.date);
          if (suspension) suspension = { since: ev.date, remainingDays: daysBetween(ev.date, deadline) };
          link(
            ev,
            'interrupts',
            'C.civ. 2240, 2231',
            ev.type === 'partial-payment'
              ? 'a partial payment acknowledges the debt: a new full period starts'
              : 'acknowledgment by the debtor: a new full period starts',
          );
        }
        break;
      case 'court-claim':
        // 2242: the interruption lasts until the proceedings end; the date shown restarts the period
        // from the claim itself, the earliest it could end, so the creditor is never warned too late.
        pending = true;
        capApplies = false;
        suspension = undefined;
        if (foreclosure) {
          deadline = addYears(ev.date, years);
          link(
            ev,
            'action-brought',
            'C.conso R312-35; C.civ. 2241',
            'the action was brought within the 2 years: foreclosure averted',
          );
        } else {
          restart(ev.date);
          link(
            ev,
            'interrupts',
            'C.civ. 2241, 2242',
            'interrupted until the proceedings end; record the judgment when it comes',
          );
        }
        break;
      case 'judgment':
        years = Math.max(JUDGMENT_YEARS, years);
        foreclosure = false;
        pending = false;
        capApplies = false;
        suspension = undefined;
        deadline = addYears(ev.date, years);
        link(
          ev,
          'converts',
          'CPCE L111-4; C.civ. 2242',
          `enforceable title: ${years} years to enforce from the day it became enforceable`,
        );
        break;
      case 'enforcement':
        if (foreclosure) {
          link(ev, 'none', 'C.conso R312-35', 'a foreclosure cannot be interrupted');
          break;
        }
        capApplies = false;
        restart(ev.date);
        link(
          ev,
          'interrupts',
          'C.civ. 2244',
          'an enforcement or conservatory measure starts a new full period',
        );
        break;
      case 'mediation-start':
      case 'small-claims-start':
        if (foreclosure) link(ev, 'none', 'C.conso R312-35', 'a foreclosure cannot be suspended');
        else if (pending || suspension) link(ev, 'none', 'C.civ. 2238', 'the period is already stopped');
        else {
          suspension = { since: ev.date, remainingDays: daysBetween(ev.date, deadline) };
          link(ev, 'suspends', 'C.civ. 2238', 'the clock stops until the procedure ends');
        }
        break;
      case 'mediation-end':
      case 'small-claims-end':
        if (!suspension) {
          link(ev, 'none', 'C.civ. 2238', 'no suspension was running');
          break;
        }
        deadline = resumeAfterSuspension(ev.date, suspension.remainingDays);
        suspension = undefined;
        link(ev, 'resumes', 'C.civ. 2238 al. 2', 'the remaining time runs again, never less than 6 months');
        break;
    }
  }

  if (suspension) {
    // Still suspended: show the earliest deadline possible, as if the procedure ended on asOf.
    deadline = resumeAfterSuspension(input.asOf, suspension.remainingDays);
  }
  if (capApplies && !foreclosure && (deadline > cap || capped)) {
    deadline = cap;
    chain.push({
      date: cap,
      event: 'cap',
      effect: 'capped',
      deadline,
      article: 'C.civ. 2232',
      note: '20 years from the birth of the right',
    });
  }
  return {
    deadline,
    reached: !pending && !suspension && input.asOf > deadline,
    kind: foreclosure ? 'foreclosure' : 'prescription',
    suspended: suspension !== undefined,
    courtClaimPending: pending,
    chain,
  };
}

function resumeAfterSuspension(end: LocalDate, remainingDays: number): LocalDate {
  return maxDate([addDays(end, remainingDays), addMonths(end, MINIMUM_MONTHS_AFTER_SUSPENSION)])!;
}

function isDate(value: LocalDate | undefined): value is LocalDate {
  return value !== undefined;
}
