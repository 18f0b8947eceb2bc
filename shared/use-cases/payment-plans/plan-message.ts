import type { LocalDate } from '../../domain/calendar';
import type { Dossier } from '../../domain/dossier';
import { NotFoundError } from '../../domain/errors';
import { amount, escapeHtml, longDate, shortDate } from '../../domain/messages/format';
import { smsSegments, toGsm7 } from '../../domain/messages/sms';
import type { Channel } from '../../domain/parties';
import type { PaymentPlan } from '../../domain/payment-plan';
import { type PlanProgress, planProgress } from '../../domain/payment-plan-progress';
import type { PlanActionRef } from '../../domain/payment-plan-step';
import type { ComposedMessage } from '../escalation/compose-message';
import { letterHeading, letterReference } from '../escalation/letter-content';
import type { LetterContent, TenantProfile } from '../ports';

/**
 * The debtor's messages about a payment plan: the confirmation listing every instalment, the
 * courtesy reminder before one, the notice before the lapse (docs/legal.md §14). They go through
 * the same messenger and letter renderer as the ladder's messages (perform-action.ts).
 */

interface Words {
  subject: string;
  /** Before the table (the last one introduces it). */
  paragraphs: string[];
  /** Shown as a table in a letter and an e-mail. */
  table?: NonNullable<LetterContent['table']>;
  /** After the table: the rules and how to pay. */
  after: string[];
  closing: string[];
}

export function composePlanMessage(input: {
  dossier: Dossier;
  tenant: TenantProfile;
  ref: PlanActionRef;
  channel: Channel;
  day: LocalDate;
}): ComposedMessage {
  const { dossier, tenant, ref, channel, day } = input;
  const plan = dossier.paymentPlans?.find((p) => p.planId === ref.planId);
  if (!plan) throw new NotFoundError(`payment plan ${ref.planId} not found`);
  const progress = planProgress(plan, dossier, day);
  const words = wordsOf(ref, plan, progress, dossier, tenant, day);
  const fr = dossier.debtor.language === 'fr';
  switch (channel) {
    case 'email':
      return { channel, subject: words.subject, text: emailText(words), html: emailHtml(words) };
    case 'sms': {
      // A courtesy reminder only: short, no personal data beyond the reference.
      const instalment = progress.instalments[(ref.instalment ?? 1) - 1]!;
      const text = toGsm7(
        fr
          ? `${tenant.name}: rappel, echeance ${instalment.number} de votre echeancier (${amount(instalment.amountCents - instalment.paidCents, 'fr')}) le ${shortDate(instalment.dueOn, 'fr')}. Ref ${dossier.dossierId}`
          : `${tenant.name}: reminder, instalment ${instalment.number} of your payment plan (${amount(instalment.amountCents - instalment.paidCents, 'en')}) due ${shortDate(instalment.dueOn, 'en')}. Ref ${dossier.dossierId}`,
      );
      return { channel, text, segments: smsSegments(text) };
    }
    case 'letter':
      return {
        channel,
        content: {
          ...letterHeading(
            tenant,
            dossier,
            dossier.debtor.language,
            day,
            letterReference(dossier.dossierId, day),
          ),
          title: words.subject,
          paragraphs: words.paragraphs,
          ...(words.table ? { table: words.table } : {}),
          // The renderer draws the closing after the table: the rules follow the schedule they govern.
          closing: [...words.after, ...words.closing],
        },
      };
    case 'call':
      return { channel, summary: `payment plan ${plan.planId}: ${ref.message}` };
  }
}

function wordsOf(
  ref: PlanActionRef,
  plan: PaymentPlan,
  progress: PlanProgress,
  dossier: Dossier,
  tenant: TenantProfile,
  day: LocalDate,
): Words {
  const language = dossier.debtor.language;
  const fr = language === 'fr';
  const money = (cents: number) => amount(cents, language);
  const date = (d: LocalDate) => longDate(d, language);
  const closing = fr
    ? ['Nous vous prions d’agréer nos salutations distinguées.', tenant.name]
    : ['Yours faithfully,', tenant.name];
  const pay = fr
    ? `Règlement par virement bancaire ou par chèque à l'ordre de ${tenant.name}, en rappelant la référence ${dossier.dossierId}.`
    : `Pay by bank transfer or by cheque to ${tenant.name}, quoting the reference ${dossier.dossierId}.`;
  const basis = fr
    ? plan.basis === 'principal'
      ? 'principal restant dû'
      : 'principal, intérêts ou pénalités et indemnités dus'
    : plan.basis === 'principal'
      ? 'principal still due'
      : 'principal, interest or penalties and indemnities due';

  if (ref.message === 'confirmation') {
    const lapse =
      plan.lapseNoticeDays > 0
        ? fr
          ? `Si une échéance reste impayée plus de ${plan.graceDays} jours après sa date, nous vous adresserons une mise en demeure ; à défaut de paiement dans les ${plan.lapseNoticeDays} jours qu'elle vous laissera, l'échéancier sera caduc (déchéance du terme) et la totalité du solde deviendra immédiatement exigible.`
          : `If an instalment remains unpaid more than ${plan.graceDays} days after its date, we will send you a formal notice; failing payment within the ${plan.lapseNoticeDays} days it gives you, the plan will lapse and the whole balance will fall due at once.`
        : fr
          ? `Comme convenu dans l'échéancier, une échéance impayée plus de ${plan.graceDays} jours après sa date rend l'échéancier caduc sans autre avis (déchéance du terme) : la totalité du solde devient alors immédiatement exigible.`
          : `As agreed in the plan, an instalment unpaid more than ${plan.graceDays} days after its date makes the plan lapse without further notice: the whole balance then falls due at once.`;
    return {
      subject: fr
        ? `Confirmation de votre échéancier de paiement — réf. ${dossier.dossierId}`
        : `Your payment plan is confirmed — ref. ${dossier.dossierId}`,
      paragraphs: [
        fr ? 'Madame, Monsieur,' : 'Dear Sir or Madam,',
        fr
          ? `Nous vous confirmons l'échéancier convenu le ${date(plan.agreedOn)} pour le règlement de ${money(plan.balanceCents)} (${basis} à cette date), en ${plan.instalments.length} échéance(s) :`
          : `We confirm the payment plan agreed on ${date(plan.agreedOn)} to settle ${money(plan.balanceCents)} (${basis} on that day), in ${plan.instalments.length} instalment(s):`,
      ],
      table: scheduleTable(plan, language),
      after: [
        fr
          ? `Tant que les échéances sont réglées à leur date, nous suspendons toute relance.${plan.reminderDaysBefore > 0 ? ` Un rappel vous sera adressé ${plan.reminderDaysBefore} jours avant chaque échéance.` : ''}`
          : `As long as each instalment is paid on its date, we send no other reminder.${plan.reminderDaysBefore > 0 ? ` A reminder will reach you ${plan.reminderDaysBefore} days before each instalment.` : ''}`,
        lapse,
        pay,
      ],
      closing,
    };
  }

  const instalment = progress.instalments[(ref.instalment ?? 1) - 1]!;
  if (ref.message === 'reminder') {
    const left = instalment.amountCents - instalment.paidCents;
    return {
      subject: fr
        ? `Rappel : échéance n° ${instalment.number} de votre échéancier le ${date(instalment.dueOn)}`
        : `Reminder: instalment ${instalment.number} of your payment plan on ${date(instalment.dueOn)}`,
      paragraphs: [
        fr ? 'Madame, Monsieur,' : 'Dear Sir or Madam,',
        fr
          ? `Pour mémoire, l'échéance n° ${instalment.number} de votre échéancier, d'un montant de ${money(left)}, est à régler le ${date(instalment.dueOn)}. Si vous l'avez déjà réglée, merci de ne pas tenir compte de ce message.`
          : `As a reminder, instalment ${instalment.number} of your payment plan, ${money(left)}, is due on ${date(instalment.dueOn)}. If you have paid it already, please disregard this message.`,
        fr
          ? `Reste à régler au titre de l'échéancier : ${money(progress.remainingCents)}.`
          : `Left to pay under the plan: ${money(progress.remainingCents)}.`,
        pay,
      ],
      after: [],
      closing,
    };
  }

  // The notice before the lapse: a formal demand with a last delay (C.civ. 1344; docs/legal.md §14).
  const arrears = progress.instalments
    .filter((i) => i.dueOn <= day)
    .reduce((total, i) => total + i.amountCents - i.paidCents, 0);
  return {
    subject: fr
      ? `Mise en demeure avant déchéance du terme — échéancier réf. ${dossier.dossierId}`
      : `Formal notice before the payment plan lapses — ref. ${dossier.dossierId}`,
    paragraphs: [
      fr ? 'Madame, Monsieur,' : 'Dear Sir or Madam,',
      fr
        ? `L'échéance n° ${instalment.number} de votre échéancier du ${date(plan.agreedOn)}, due le ${date(instalment.dueOn)}, reste impayée. Les échéances échues et impayées s'élèvent à ${money(arrears)}.`
        : `Instalment ${instalment.number} of your payment plan of ${date(plan.agreedOn)}, due on ${date(instalment.dueOn)}, remains unpaid. The instalments due and unpaid come to ${money(arrears)}.`,
    ],
    table: scheduleTable(plan, language, progress),
    after: [
      fr
        ? `Par la présente, nous vous mettons en demeure de régler cette somme dans un délai de ${plan.lapseNoticeDays} jours à compter de la date de ce courrier (article 1344 du Code civil).`
        : `We hereby give you formal notice to pay this amount within ${plan.lapseNoticeDays} days of the date of this letter (article 1344 of the French Civil Code).`,
      fr
        ? `À défaut, l'échéancier sera caduc (déchéance du terme) : la totalité du solde restant dû, soit ${money(progress.remainingCents)} au titre de l'échéancier, deviendra immédiatement exigible et le recouvrement reprendra.`
        : `Failing that, the plan will lapse: the whole balance, ${money(progress.remainingCents)} under the plan, will fall due at once and collection will resume.`,
      pay,
    ],
    closing,
  };
}

/** The schedule: number, date, amount (and, once payments came in, what each has received). */
function scheduleTable(
  plan: PaymentPlan,
  language: 'fr' | 'en',
  progress?: PlanProgress,
): NonNullable<LetterContent['table']> {
  const fr = language === 'fr';
  const money = (cents: number) => amount(cents, language);
  const total = plan.instalments.reduce((sum, i) => sum + i.amountCents, 0);
  if (!progress)
    return {
      headers: fr ? ['Échéance', 'Date', 'Montant'] : ['Instalment', 'Date', 'Amount'],
      rows: plan.instalments.map((i, n) => [`${n + 1}`, shortDate(i.dueOn, language), money(i.amountCents)]),
      totals: ['Total', '', money(total)],
    };
  return {
    headers: fr ? ['Échéance', 'Date', 'Montant', 'Reçu'] : ['Instalment', 'Date', 'Amount', 'Received'],
    rows: progress.instalments.map((i) => [
      `${i.number}`,
      shortDate(i.dueOn, language),
      money(i.amountCents),
      money(i.paidCents),
    ]),
    totals: ['Total', '', money(total), money(progress.paidCents)],
  };
}

function emailText(words: Words): string {
  const table = words.table
    ? [
        words.table.headers.join(' | '),
        ...words.table.rows.map((row) => row.join(' | ')),
        ...(words.table.totals ? [words.table.totals.join(' | ')] : []),
      ]
    : [];
  return [
    ...words.paragraphs,
    ...(table.length ? [table.join('\n')] : []),
    ...words.after,
    words.closing.join('\n'),
  ].join('\n\n');
}

function emailHtml(words: Words): string {
  const p = (text: string) => `<p>${escapeHtml(text)}</p>`;
  const cells = (row: string[], tag: 'td' | 'th') =>
    `<tr>${row.map((cell) => `<${tag}>${escapeHtml(cell)}</${tag}>`).join('')}</tr>`;
  const table = words.table
    ? `<table>${cells(words.table.headers, 'th')}${words.table.rows.map((row) => cells(row, 'td')).join('')}${words.table.totals ? cells(words.table.totals, 'th') : ''}</table>`
    : '';
  return `<!doctype html><html><body>${words.paragraphs.map(p).join('')}${table}${words.after.map(p).join('')}<p>${words.closing.map(escapeHtml).join('<br>')}</p></body></html>`;
}
