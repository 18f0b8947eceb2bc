import { parisDate, parisTime } from '../../../shared/domain/calendar';
import { DEFAULT_CONTACT_POLICY, isRestDay } from '../../../shared/domain/contact-policy';
import { isDisputed } from '../../../shared/domain/disputes';
import { type Dossier, outstandingCents } from '../../../shared/domain/dossier';
import { judicialPrescriptionEvents } from '../../../shared/domain/judicial/court-title';
import { dossierClaimStatement, invoicePrescription } from '../../../shared/domain/legal/dossier-claim';
import { sumCents } from '../../../shared/domain/money';
import { isPlanLevel } from '../../../shared/domain/payment-plan-step';
import { letterText } from '../../../shared/use-cases/escalation/formal-notice';
import type { Sent } from '../../support/recording-ports';
import type { LifecycleRun, StepRun } from './lifecycle-run';

/**
 * The invariants, each a function from a run to its violations (empty: it holds), so a failure
 * names the day, the level and the channel. Every check reads what the debtor received (the
 * recording messenger) against the dossier the step read.
 */
export type Check = (run: LifecycleRun) => string[];

const contacts = (run: LifecycleRun) => run.steps.filter((step) => step.sent.length > 0);
const what = (step: StepRun, sent: Sent) => `${sent.message.level} by ${sent.channel} on ${step.day}`;
const everyContact = (run: LifecycleRun, violates: (step: StepRun, sent: Sent) => string | false) =>
  contacts(run).flatMap((step) =>
    step.sent.flatMap((sent) => {
      const why = violates(step, sent);
      return why ? [`${what(step, sent)}: ${why}`] : [];
    }),
  );
const unsettledOwed = (dossier: Dossier) =>
  dossier.invoices.filter((inv) => !inv.settledOn && outstandingCents(inv) > 0);

/** Nothing left to pay: every invoice paid, credited or settled. */
export const noContactAfterFullPayment: Check = (run) =>
  everyContact(run, (step) => unsettledOwed(step.dossier).length === 0 && 'nothing was owed any more');

/** An open dispute covering everything owed (docs/legal.md §8: no pressure on a contested debt). */
export const noContactUnderFullDispute: Check = (run) =>
  everyContact(run, (step) => {
    const owed = unsettledOwed(step.dossier).filter((inv) => !inv.prescribed);
    return (
      owed.length > 0 && owed.every((inv) => isDisputed(step.dossier, inv)) && 'everything owed is disputed'
    );
  });

/** C.conso L121-6, L121-7 and docs/legal.md §8: an opted-out channel stays closed. */
export const noContactOnOptedOutChannel: Check = (run) =>
  everyContact(
    run,
    (step, sent) => step.dossier.debtor.optOuts.includes(sent.channel) && 'the debtor opted out of it',
  );

/** C.civ. 2219: once every owed invoice is time-barred (deadline from the timeline, C.civ. 2240), silence. */
export const noContactAfterPrescription: Check = (run) =>
  everyContact(run, (step) => {
    const legal = judicialPrescriptionEvents(step.dossier.judicial);
    const alive = unsettledOwed(step.dossier).filter(
      (inv) =>
        !inv.prescribed &&
        invoicePrescription(inv, step.dossier.debtor.type, step.timeline, step.day, legal).deadline >=
          step.day,
    );
    return alive.length === 0 && 'everything owed is time-barred';
  });

/** C.com. L622-21 (C.conso L722-2): insolvency proceedings stop individual collection from their opening. */
export const noContactInInsolvency: Check = (run) =>
  everyContact(run, (step) => {
    const insolvency = step.dossier.debtor.insolvency;
    return (
      !!insolvency && insolvency.openedOn <= step.day && `${insolvency.kind} opened ${insolvency.openedOn}`
    );
  });

/** A closed dossier (settled, written off, cancelled), a paid, disputed or time-barred one: the ladder is over. */
export const noContactOnceClosed: Check = (run) =>
  everyContact(
    run,
    (step) =>
      step.dossier.status !== 'open' &&
      `the dossier is ${step.dossier.status}${step.dossier.closure ? ` (${step.dossier.closure.kind})` : ''}`,
  );

/** Only the courtesy reminder (and a plan's own messages) may precede the due date. */
export const noContactBeforeDue: Check = (run) =>
  everyContact(run, (step, sent) => {
    if (sent.message.level === 'courtesy' || isPlanLevel(sent.message.level)) return false;
    const overdue = unsettledOwed(step.dossier).filter(
      (inv) => !inv.prescribed && !isDisputed(step.dossier, inv) && inv.dueDate < step.day,
    );
    return overdue.length === 0 && 'no pursued invoice was past its due date';
  });

/** Sundays and public holidays closed; SMS and calls 08:00-20:00 Paris (docs/legal.md §8). */
export const noContactOutsideHours: Check = (run) =>
  everyContact(run, (_step, sent) => {
    const day = parisDate(sent.message.at);
    if (isRestDay(day)) return `${day} is a Sunday or a public holiday`;
    const { hour } = parisTime(sent.message.at);
    const { windowStartHour, windowEndHour } = DEFAULT_CONTACT_POLICY;
    const timed = sent.channel === 'sms' || sent.channel === 'call';
    return timed && (hour < windowStartHour || hour >= windowEndHour) && `sent at ${hour}:xx Paris`;
  });

/** One message per (dossier, day, level, channel), and never the same idempotency key twice. */
export const noDuplicateMessage: Check = (run) => {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const step of run.steps)
    for (const sent of step.sent) {
      const key = `${sent.message.dossierId}#${parisDate(sent.message.at)}#${sent.message.level}#${sent.channel}`;
      for (const k of [key, sent.message.idempotencyKey]) {
        if (seen.has(k)) problems.push(`${what(step, sent)}: a second message for ${k}`);
        seen.add(k);
      }
    }
  return problems;
};

const INDEMNITY_WORDS = /D441-5|L441-10|indemnit[ée] forfaitaire|recovery indemnity/i;

/** C.com. L441-10 II, D441-5: the 40 EUR indemnity is owed between professionals only. */
export const noIndemnityToConsumer: Check = (run) => {
  if (run.history.debtorType !== 'consumer') return [];
  const problems: string[] = [];
  for (const letter of run.letters.rendered) {
    if (INDEMNITY_WORDS.test(letterText(letter)))
      problems.push(`letter of ${letter.date} cites the indemnity`);
    const column = letter.table?.headers.findIndex((h) => h === 'Indemnité' || h === 'Indemnity') ?? -1;
    for (const row of column >= 0 ? [...letter.table!.rows, letter.table!.totals ?? []] : [])
      if (/[1-9]/.test(row[column] ?? ''))
        problems.push(`letter of ${letter.date} claims ${row[column]} indemnity`);
  }
  for (const step of contacts(run))
    for (const sent of step.sent)
      if ('text' in sent.message && INDEMNITY_WORDS.test(sent.message.text))
        problems.push(`${what(step, sent)} cites the indemnity`);
  if (run.dossier.invoices.some((inv) => !inv.settledOn)) {
    const statement = dossierClaimStatement(run.dossier, run.timeline, run.lastDay);
    if (statement.totals.indemnityCents !== 0)
      problems.push(
        `the claim on ${run.lastDay} holds ${statement.totals.indemnityCents} cents of indemnity`,
      );
  }
  return problems;
};

/**
 * Money conservation on the principal, from the dossier's own fields, after the whole history:
 *   entrusted = recovered + outstanding + written off + credits
 * entrusted: each invoice's amount when entrusted (`originalAmountCents`, else `amountCents`);
 * credits: what credit notes and upheld disputes took off (`originalAmountCents - amountCents`);
 * recovered: the principal payments covered (`paidCents`);
 * outstanding: what unsettled, not time-barred invoices still owe;
 * written off: the principal a settlement or a write-off gave up (`closure.owedCents`), and what
 * time-barred invoices still owe.
 * And on the cash side: received = recovered + accessories paid + credit owed back, with the
 * accessories paid (interest, penalties, indemnities) never negative: no principal counted paid
 * without the money. The legal engine's own identity (accessories included) is money-conservation.test.ts.
 */
export function moneyAccount(dossier: Dossier) {
  const invoices = dossier.invoices;
  const entrusted = sumCents(invoices.map((inv) => inv.originalAmountCents ?? inv.amountCents));
  const credits = sumCents(
    invoices.map((inv) => (inv.originalAmountCents ?? inv.amountCents) - inv.amountCents),
  );
  const recovered = sumCents(invoices.map((inv) => inv.paidCents));
  const outstanding = sumCents(
    invoices.filter((inv) => !inv.settledOn && !inv.prescribed).map(outstandingCents),
  );
  const gaveUp =
    dossier.closure && (dossier.closure.kind === 'settled' || dossier.closure.kind === 'written-off')
      ? dossier.closure.owedCents
      : 0;
  const writtenOff = gaveUp + sumCents(invoices.filter((inv) => inv.prescribed).map(outstandingCents));
  const received = sumCents((dossier.payments ?? []).map((p) => p.amountCents));
  return {
    entrusted,
    credits,
    recovered,
    outstanding,
    writtenOff,
    received,
    accessoriesPaid: received - recovered - (dossier.creditCents ?? 0),
  };
}

export const moneyConserved: Check = (run) => {
  const a = moneyAccount(run.dossier);
  const problems: string[] = [];
  const accounted = a.recovered + a.outstanding + a.writtenOff + a.credits;
  if (accounted !== a.entrusted)
    problems.push(
      `recovered ${a.recovered} + outstanding ${a.outstanding} + written off ${a.writtenOff} + credits ${a.credits} = ${accounted}, entrusted ${a.entrusted}`,
    );
  if (a.accessoriesPaid < 0)
    problems.push(
      `received ${a.received} < recovered ${a.recovered} + credit ${run.dossier.creditCents ?? 0}: principal counted paid without the money`,
    );
  return problems;
};

/** A step that throws is retried and, failing on, parks the dossier: no history may make one fail. */
export const everyStepSucceeds: Check = (run) =>
  run.steps.flatMap((step) => (step.error ? [`the step of ${step.day} failed: ${step.error}`] : []));

/** Every property of the use-case histories, by name (the test and the docs' table use these names). */
export const LIFECYCLE_INVARIANTS: Record<string, Check> = {
  'no contact after full payment': noContactAfterFullPayment,
  'no contact while an open dispute covers everything owed': noContactUnderFullDispute,
  'no contact on an opted-out channel': noContactOnOptedOutChannel,
  'no contact once everything owed is time-barred': noContactAfterPrescription,
  'no contact once insolvency proceedings opened': noContactInInsolvency,
  'no contact once the dossier is closed, paid, disputed or time-barred': noContactOnceClosed,
  'no contact before the due date but the courtesy reminder': noContactBeforeDue,
  'no contact on rest days, no SMS or call outside 08:00-20:00': noContactOutsideHours,
  'never two messages for one (dossier, day, level, channel)': noDuplicateMessage,
  'never the 40 EUR indemnity to a consumer': noIndemnityToConsumer,
  'money conserved': moneyConserved,
  'every step succeeds': everyStepSucceeds,
};

/** Each invariant's violations; a check that throws (the legal engine refusing a dossier) is one. */
export function verdicts(run: LifecycleRun): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(LIFECYCLE_INVARIANTS).map(([name, check]) => {
      try {
        return [name, check(run)];
      } catch (error) {
        return [name, [`the check threw ${(error as Error).name}: ${(error as Error).message}`]];
      }
    }),
  );
}
