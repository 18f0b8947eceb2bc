import { ValidationError } from '../errors';
import { disputedNote } from './disputed-note';
import { amount, escapeHtml, longDate, shortDate } from './format';
import type { MessageContext } from './message-context';
import { isGsm7, MAX_SMS_SEGMENTS, smsSegments, toGsm7 } from './sms';
import { type Escaper, renderTemplate, type TemplateScope } from './template-engine';

/**
 * Wording per level (template id) × channel × language, as templates of the small engine in
 * template-engine.ts. Tone rises with the level: courteous → firm → formal. Every value is a
 * plain string in the scope below; each channel escapes it its own way (HTML for the e-mail's
 * HTML part, GSM-7 transliteration for SMS, none for text and letters, which the PDF renderer
 * draws as text). A level without its own wording on a channel uses `reminder-1` (letters,
 * e-mails) or `reminder-2` (SMS).
 */
export type Language = MessageContext['language'];

interface Parts {
  subject: string;
  opening: string;
  body: string;
  closing: string;
}

interface LevelTemplates {
  email: Parts;
  /** Letters default to the e-mail's parts; the title comes from `subject`. */
  letter?: Partial<Parts>;
  sms?: string;
}

/** Paragraphs shared by the letters of one language (agency mode, formal notice). */
interface LetterParts {
  /** CPCE R124-4 1°–2°: who writes, that it collects amicably, for whom (name and address). */
  agencyIdentity: string;
  /** CPCE R124-4: later letters recall the first letter's reference and date. */
  firstLetter: string;
  /** CPCE R124-4 4°: the demand to pay and how. */
  paymentMethods: string;
  /** Formal notice: the deadline runs from receipt, a date the sender cannot know when it posts. */
  deadline: string;
  /**
   * A half-year's rate is not published yet: interest is claimed to the day before it and the
   * rest reserved, "sauf à parfaire" (docs/legal.md §2, "Rates"; §12).
   */
  interestStopped: string;
  /** A formal notice by e-mail: what each invoice's amount is made of (the letter has a table). */
  claimDetail: string;
}

interface LanguageTemplates {
  levels: Record<string, LevelTemplates>;
  letter: LetterParts;
  emailText: string;
  emailHtml: string;
}

const FR: LanguageTemplates = {
  levels: {
    courtesy: {
      email: {
        subject: 'Rappel : échéance prochaine — {{creditorName}}',
        opening: 'Bonjour {{debtorName}},',
        body: 'Nous vous rappelons que les factures ci-dessous arrivent à échéance prochainement, pour un total de {{total}}. Si le règlement est déjà en cours, merci de ne pas tenir compte de ce message.',
        closing: 'Bien cordialement,\n{{creditorName}}',
      },
    },
    'reminder-1': {
      email: {
        subject: 'Facture(s) impayée(s) — {{total}}',
        opening: 'Bonjour {{debtorName}},',
        body: 'Sauf erreur de notre part, les factures ci-dessous restent impayées à ce jour, pour un total de {{total}}. Nous vous remercions de procéder à leur règlement dans les meilleurs délais.',
        closing: 'Bien cordialement,\n{{creditorName}}',
      },
    },
    'reminder-2': {
      email: {
        subject: 'Second rappel — {{total}} restent dus',
        opening: 'Madame, Monsieur,',
        body: "Malgré notre précédent rappel, les factures ci-dessous demeurent impayées (total {{total}}). Nous vous demandons de régulariser votre situation sans délai ou de nous contacter pour convenir d'un échéancier.",
        closing: 'Cordialement,\n{{creditorName}}',
      },
      sms: '{{creditorName}} : {{total}} restent impayes (ref {{reference}}). Merci de regler ou de nous contacter. STOP SMS au 36111',
    },
    'formal-notice': {
      email: {
        subject: 'Mise en demeure de payer — {{total}}',
        opening: 'Madame, Monsieur,',
        body: 'Par la présente, nous vous mettons en demeure de nous régler la somme de {{total}} au titre des factures détaillées ci-dessous, dans un délai de {{deadlineDays}} jours à compter de la réception de la présente. À défaut de paiement dans ce délai, nous engagerons sans autre avis une procédure judiciaire de recouvrement (injonction de payer), dont les frais pourront être mis à votre charge.',
        closing:
          "Veuillez agréer, Madame, Monsieur, l'expression de nos salutations distinguées.\n{{creditorName}}",
      },
      letter: { subject: 'MISE EN DEMEURE' },
    },
    statement: {
      email: {
        subject: 'Relevé de compte au {{date}} — {{creditorName}}',
        opening: 'Bonjour {{debtorName}},',
        body: 'Comme vous nous l’avez demandé, voici le relevé de vos factures ouvertes au {{date}}, pour un total de {{total}}. Ce relevé est envoyé le premier jour ouvré de chaque mois ; il ne constitue pas une relance.',
        closing: 'Bien cordialement,\n{{creditorName}}',
      },
    },
  },
  letter: {
    agencyIdentity:
      '{{agency.name}}, {{agency.address}}, société de recouvrement amiable, agit pour le compte de {{principal.name}}, {{principal.address}}.',
    firstLetter: 'Notre première lettre : réf. {{firstLetter.reference}} du {{firstLetter.date}}.',
    paymentMethods:
      "Règlement par virement bancaire ou par chèque à l'ordre de {{payTo}}, en rappelant la référence ci-dessus.",
    deadline: 'Délai de paiement : {{deadlineDays}} jours à compter de la réception de la présente.',
    interestStopped:
      "Montant des intérêts arrêtés au {{interestThrough}}, sauf à parfaire : le taux applicable après cette date n'est pas encore publié ; les intérêts courus depuis restent dus.",
    claimDetail: 'principal {{principal}}, {{interestLabel}} {{interest}}, indemnité {{indemnity}}',
  },
  emailText:
    '{{opening}}\n\n{{body}}\n\n{{#interestNote}}{{interestNote}}\n\n{{/interestNote}}{{#invoices}}- {{number}} — échéance {{dueDate}} — {{amount}}{{#detail}} ({{detail}}){{/detail}}\n{{/invoices}}\n{{#disputedNote}}{{disputedNote}}\n\n{{/disputedNote}}Réf. {{reference}}\n\n{{closing}}',
  emailHtml:
    '<!doctype html><html lang="fr"><body><p>{{opening}}</p><p>{{body}}</p>{{#interestNote}}<p>{{interestNote}}</p>{{/interestNote}}<table><tr><th>Facture</th><th>Échéance</th><th style="text-align:right">Montant dû</th></tr>{{#invoices}}<tr><td>{{number}}</td><td>{{dueDate}}</td><td style="text-align:right">{{amount}}{{#detail}}<br><small>{{detail}}</small>{{/detail}}</td></tr>{{/invoices}}</table>{{#disputedNote}}<p>{{disputedNote}}</p>{{/disputedNote}}<p>Réf. {{reference}}</p><p>{{#closingLines}}{{line}}<br>{{/closingLines}}</p></body></html>',
};

const EN: LanguageTemplates = {
  levels: {
    courtesy: {
      email: {
        subject: 'Reminder: payment due soon — {{creditorName}}',
        opening: 'Dear {{debtorName}},',
        body: 'This is a friendly reminder that the invoices below fall due soon, for a total of {{total}}. If payment is already on its way, please disregard this message.',
        closing: 'Kind regards,\n{{creditorName}}',
      },
    },
    'reminder-1': {
      email: {
        subject: 'Unpaid invoice(s) — {{total}}',
        opening: 'Dear {{debtorName}},',
        body: 'According to our records, the invoices below remain unpaid, for a total of {{total}}. Please settle them at your earliest convenience.',
        closing: 'Kind regards,\n{{creditorName}}',
      },
    },
    'reminder-2': {
      email: {
        subject: 'Second reminder — {{total}} outstanding',
        opening: 'Dear Sir or Madam,',
        body: 'Despite our previous reminder, the invoices below remain unpaid (total {{total}}). Please pay without delay or contact us to agree a payment plan.',
        closing: 'Regards,\n{{creditorName}}',
      },
      sms: '{{creditorName}}: {{total}} still unpaid (ref {{reference}}). Please pay or contact us. Reply STOP to opt out',
    },
    'formal-notice': {
      email: {
        subject: 'Formal notice to pay (mise en demeure) — {{total}}',
        opening: 'Dear Sir or Madam,',
        body: 'We hereby give you formal notice (mise en demeure) to pay {{total}} for the invoices listed below within {{deadlineDays}} days of receipt of this letter. Failing payment within that time, we will start court proceedings (injonction de payer) without further notice.',
        closing: 'Yours faithfully,\n{{creditorName}}',
      },
      letter: { subject: 'FORMAL NOTICE (MISE EN DEMEURE)' },
    },
    statement: {
      email: {
        subject: 'Statement of account at {{date}} — {{creditorName}}',
        opening: 'Dear {{debtorName}},',
        body: 'As you asked, here is the statement of your open invoices at {{date}}, for a total of {{total}}. It is sent on the first working day of each month and is not a reminder.',
        closing: 'Kind regards,\n{{creditorName}}',
      },
    },
  },
  letter: {
    agencyIdentity:
      '{{agency.name}}, {{agency.address}}, an amicable debt collection agency, writes on behalf of {{principal.name}}, {{principal.address}}.',
    firstLetter: 'Our first letter: ref. {{firstLetter.reference}} of {{firstLetter.date}}.',
    paymentMethods: 'Pay by bank transfer or by cheque to {{payTo}}, quoting the reference above.',
    deadline: 'Payment deadline: {{deadlineDays}} days from receipt of this letter.',
    interestStopped:
      'Interest computed to {{interestThrough}}, subject to adjustment (sauf à parfaire): the rate after that date is not published yet; interest accrued since remains due.',
    claimDetail: 'principal {{principal}}, {{interestLabel}} {{interest}}, indemnity {{indemnity}}',
  },
  emailText:
    '{{opening}}\n\n{{body}}\n\n{{#interestNote}}{{interestNote}}\n\n{{/interestNote}}{{#invoices}}- {{number}} — due {{dueDate}} — {{amount}}{{#detail}} ({{detail}}){{/detail}}\n{{/invoices}}\n{{#disputedNote}}{{disputedNote}}\n\n{{/disputedNote}}Ref. {{reference}}\n\n{{closing}}',
  emailHtml:
    '<!doctype html><html lang="en"><body><p>{{opening}}</p><p>{{body}}</p>{{#interestNote}}<p>{{interestNote}}</p>{{/interestNote}}<table><tr><th>Invoice</th><th>Due date</th><th style="text-align:right">Amount due</th></tr>{{#invoices}}<tr><td>{{number}}</td><td>{{dueDate}}</td><td style="text-align:right">{{amount}}{{#detail}}<br><small>{{detail}}</small>{{/detail}}</td></tr>{{/invoices}}</table>{{#disputedNote}}<p>{{disputedNote}}</p>{{/disputedNote}}<p>Ref. {{reference}}</p><p>{{#closingLines}}{{line}}<br>{{/closingLines}}</p></body></html>',
};

export const TEMPLATES: Record<Language, LanguageTemplates> = { fr: FR, en: EN };

/** Template ids with wording of their own (others fall back, see above). */
export function templateIds(): string[] {
  return Object.keys(FR.levels);
}

/** The values a template may use: plain strings, formatted for the message's language. */
export function templateScope(ctx: MessageContext): TemplateScope {
  const language = ctx.language;
  return {
    creditorName: ctx.creditorName,
    debtorName: ctx.debtorName,
    reference: ctx.reference,
    date: longDate(ctx.day, language),
    total: amount(ctx.totalCents, language),
    invoiceCount: ctx.invoices.length,
    deadlineDays: ctx.paymentDeadlineDays ?? '',
    interestNote: interestNote(ctx),
    // Disputed invoices are left out of the list and total: the message says so (disputes.ts).
    disputedNote: disputedNote(ctx.disputedInvoices, language, 'message'),
    invoices: ctx.claim
      ? claimLines(ctx)
      : ctx.invoices.map((inv) => ({
          number: inv.number,
          dueDate: shortDate(inv.dueDate, language),
          amount: amount(inv.outstandingCents, language),
          detail: '',
        })),
  };
}

/** A claim's lines (formal notice): what is due per invoice, and what it is made of. */
function claimLines(ctx: MessageContext): TemplateScope[] {
  const language = ctx.language;
  const claim = ctx.claim!;
  const fr = language === 'fr';
  const interestLabel = claim.betweenProfessionals
    ? fr
      ? 'pénalités'
      : 'late penalties'
    : fr
      ? 'intérêts'
      : 'interest';
  return claim.lines.map((line) => ({
    number: line.number,
    dueDate: shortDate(line.dueDate, language),
    amount: amount(line.totalDueCents, language),
    detail: renderTemplate(TEMPLATES[language].letter.claimDetail, {
      principal: amount(line.principalDueCents, language),
      interestLabel,
      interest: amount(line.interestCents, language),
      indemnity: amount(line.indemnityCents, language),
    }),
  }));
}

/** "Intérêts arrêtés au …, sauf à parfaire" when the claim's interest stops early; '' otherwise. */
function interestNote(ctx: MessageContext): string {
  const through = ctx.claim?.interestComputedThrough;
  if (!through) return '';
  return renderTemplate(TEMPLATES[ctx.language].letter.interestStopped, {
    interestThrough: shortDate(through, ctx.language),
  });
}

function levelOf(template: string, ctx: MessageContext): LevelTemplates {
  const levels = TEMPLATES[ctx.language].levels;
  return levels[template] ?? levels['reminder-1']!;
}

function renderParts(parts: Parts, scope: TemplateScope, escapeValue?: Escaper): Parts {
  return {
    subject: renderTemplate(parts.subject, scope, escapeValue),
    opening: renderTemplate(parts.opening, scope, escapeValue),
    body: renderTemplate(parts.body, scope, escapeValue),
    closing: renderTemplate(parts.closing, scope, escapeValue),
  };
}

/**
 * The e-mail's subject, text and HTML. The level's parts are rendered as plain text, then
 * placed in the HTML layout as values: everything that reaches the HTML is escaped once.
 */
export function renderEmail(
  template: string,
  ctx: MessageContext,
): { subject: string; text: string; html: string } {
  const scope = templateScope(ctx);
  const parts = renderParts(levelOf(template, ctx).email, scope);
  const layout = TEMPLATES[ctx.language];
  const values = {
    ...scope,
    ...parts,
    closingLines: parts.closing.split('\n').map((line) => ({ line })),
  };
  return {
    subject: parts.subject,
    text: renderTemplate(layout.emailText, values),
    html: renderTemplate(layout.emailHtml, values, escapeHtml),
  };
}

/**
 * The SMS text, checked at render time: GSM-7 only (values are transliterated: "ç" → "c", no-break
 * spaces → spaces) and at most two segments, else a ValidationError fails the step rather than
 * send a truncated or triple-billed message.
 */
export function renderSms(template: string, ctx: MessageContext): string {
  const source = levelOf(template, ctx).sms ?? levelOf('reminder-2', ctx).sms!;
  const text = renderTemplate(source, templateScope(ctx), toGsm7);
  if (!isGsm7(text)) throw new ValidationError('sms', `template ${template} is not GSM-7`);
  const segments = smsSegments(text);
  if (segments > MAX_SMS_SEGMENTS)
    throw new ValidationError(
      'sms',
      `template ${template} takes ${segments} segments (at most ${MAX_SMS_SEGMENTS})`,
    );
  return text;
}

/** A letter's title and paragraphs, as text for the PDF renderer. */
export function renderLetterText(template: string, ctx: MessageContext): Parts {
  const level = levelOf(template, ctx);
  return renderParts({ ...level.email, ...level.letter }, templateScope(ctx));
}

/** One of the shared letter paragraphs (agency mentions, deadline), with extra values. */
export function renderLetterPart(
  part: keyof LetterParts,
  ctx: MessageContext,
  extra: TemplateScope = {},
): string {
  return renderTemplate(TEMPLATES[ctx.language].letter[part], { ...templateScope(ctx), ...extra });
}
