import { addDays, addMonths, daysBetween, type LocalDate, minDate } from '../calendar';
import type { DebtorInsolvency } from '../parties';

/**
 * The claim's declaration to the mandataire judiciaire when the debtor is in safeguard,
 * receivership or liquidation (docs/legal.md §10, "Insolvency"): individual actions stop
 * (C.com. L622-21) and the creditor declares the claim instead (C.com. L622-24), within two
 * months of the opening judgment's publication in the BODACC (C.com. R622-24; four months from
 * abroad, not modelled). A claim not declared in time is barred from the distributions unless
 * the juge-commissaire relieves the creditor (C.com. L622-26, within 6 months). Pure: the
 * judicial step watches it, a person declares it and closes the task.
 */

export const DECLARATION_MONTHS = 2;
/** Alerts to the creditor before the last day, by days-before. */
export const DECLARATION_ALERT_DAYS = [30, 7] as const;
export const DECLARATION_ARTICLES = {
  declaration: 'C.com. L622-24',
  deadline: 'C.com. R622-24',
  relief: 'C.com. L622-26',
} as const;

export interface ClaimDeclarationWatch {
  /** The BODACC publication the two months run from. */
  publishedOn: LocalDate;
  /** The last day to declare (publication + 2 months, C.com. R622-24). */
  declareBy: LocalDate;
  /** The task a person closes once the claim is declared. */
  taskId: string;
  /** Alerts already sent, by days-before. */
  alerted: number[];
  /** Next day the judicial step looks at it; absent once declared or past. */
  nextCheckOn?: LocalDate;
  /** The day the step found the deadline passed without the task closed. */
  lapsedOn?: LocalDate;
}

/** The watch for proceedings that call for a declaration; none for over-indebtedness or without a publication. */
export function claimDeclarationWatch(insolvency: DebtorInsolvency): ClaimDeclarationWatch | undefined {
  if (insolvency.kind === 'over-indebtedness' || !insolvency.publishedOn) return undefined;
  const declareBy = addMonths(insolvency.publishedOn, DECLARATION_MONTHS);
  const watch: ClaimDeclarationWatch = {
    publishedOn: insolvency.publishedOn,
    declareBy,
    taskId: `claim-declaration-${insolvency.kind}-${insolvency.openedOn}`,
    alerted: [],
  };
  const check = nextDeclarationCheck(watch);
  return check ? { ...watch, nextCheckOn: check } : watch;
}

function nextDeclarationCheck(watch: ClaimDeclarationWatch): LocalDate | undefined {
  if (watch.lapsedOn) return undefined;
  const candidates = DECLARATION_ALERT_DAYS.filter((days) => !watch.alerted.includes(days)).map((days) =>
    addDays(watch.declareBy, -days),
  );
  return minDate([...candidates, addDays(watch.declareBy, 1)]);
}

export interface DeclarationReview {
  /** The tightest alert threshold reached today, if not sent yet. */
  alert?: { daysBefore: number; declareBy: LocalDate };
  /** The last day has passed and the claim is not declared: relief from the juge-commissaire only. */
  lapsed?: { declareBy: LocalDate };
  /** The watch after today; `undefined` when it ends (declared). */
  watch: ClaimDeclarationWatch;
}

/** What the judicial step must do today for the declaration; `declared`: the person closed the task. */
export function reviewClaimDeclaration(
  watch: ClaimDeclarationWatch,
  today: LocalDate,
  declared: boolean,
): DeclarationReview {
  const { nextCheckOn: _n, ...rest } = watch;
  if (declared) return { watch: rest };
  if (today > watch.declareBy)
    return { lapsed: { declareBy: watch.declareBy }, watch: { ...rest, lapsedOn: today } };
  const left = daysBetween(today, watch.declareBy);
  const due = DECLARATION_ALERT_DAYS.filter((days) => left <= days && !watch.alerted.includes(days));
  const review: DeclarationReview = { watch: rest };
  if (due.length > 0) {
    const tightest = Math.min(...due);
    review.alert = { daysBefore: tightest, declareBy: watch.declareBy };
    const sent = DECLARATION_ALERT_DAYS.filter((days) => days >= tightest);
    review.watch = { ...rest, alerted: [...new Set([...watch.alerted, ...sent])].sort((a, b) => b - a) };
  }
  const check = nextDeclarationCheck(review.watch);
  if (check) review.watch.nextCheckOn = check;
  return review;
}
