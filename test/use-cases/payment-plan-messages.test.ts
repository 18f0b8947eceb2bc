import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildEml } from '../../shared/adapters/message-files';
import { PdfLetterRenderer } from '../../shared/adapters/pdf/pdf-letter-renderer';
import type { Dossier } from '../../shared/domain/dossier';
import type { PaymentPlan } from '../../shared/domain/payment-plan';
import { composePlanMessage } from '../../shared/use-cases/payment-plans/plan-message';
import { aDebtor, aDossier, anInvoice, aTenant } from '../support/builders';
import { anEmail } from '../support/messages';
import { hasPdfTools, pdftotext } from '../support/pdf-tools';

/**
 * The debtor's payment-plan messages as their readers see them: the letter through the real PDF
 * renderer and poppler's pdftotext, the e-mail through Python's `email` package (a real MIME parser).
 */

const PLAN: PaymentPlan = {
  planId: 'P1',
  status: 'active',
  agreedOn: '2026-11-30',
  createdAt: '2026-11-30T10:00:00.000Z',
  paymentsBefore: 0,
  basis: 'principal',
  balanceCents: 120_000,
  instalments: [
    { dueOn: '2026-12-15', amountCents: 30_000 },
    { dueOn: '2027-01-15', amountCents: 30_000 },
    { dueOn: '2027-02-15', amountCents: 30_000 },
    { dueOn: '2027-03-15', amountCents: 30_000 },
  ],
  graceDays: 5,
  reminderDaysBefore: 3,
  lapseNoticeDays: 15,
};

const dossier = (overrides: Partial<Dossier> = {}) =>
  aDossier({
    invoices: [anInvoice({ amountCents: 120_000 })],
    debtor: aDebtor({ name: 'Łukasz Żółć', email: undefined }),
    paymentPlans: [PLAN],
    ...overrides,
  });

/** One line per text line, spaces (no-break and narrow ones included) collapsed: what a reader reads. */
const lines = (text: string) =>
  text
    .replace(/[\u00a0\u202f]/g, ' ')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean);

const PARSE = `
import email, json, sys
from email import policy
message = email.message_from_bytes(sys.stdin.buffer.read(), policy=policy.default)
print(json.dumps({
  "subject": str(message["Subject"]),
  "defects": [str(d) for p in message.walk() for d in p.defects],
  "text": message.get_body(("plain",)).get_content(),
  "html": message.get_body(("html",)).get_content(),
}))
`;
const hasPython = spawnSync('python3', ['--version']).error === undefined;

describe.runIf(hasPdfTools)('the confirmation letter (a debtor without e-mail)', () => {
  it('lists the four instalments, the total and the lapse rule, as pdftotext reads it', async () => {
    const message = composePlanMessage({
      dossier: dossier(),
      tenant: aTenant('tenant-a'),
      ref: { planId: 'P1', message: 'confirmation' },
      channel: 'letter',
      day: '2026-11-30',
    });
    if (message.channel !== 'letter') throw new Error('expected a letter');
    const text = lines(pdftotext(await new PdfLetterRenderer().render(message.content)));
    expect(text).toEqual(
      expect.arrayContaining([
        'Łukasz Żółć',
        'Confirmation de votre échéancier de paiement — réf. DOS-CLI-001',
      ]),
    );
    // pdftotext reads a table cell by cell, in order: the schedule right after the sentence that announces it.
    const prose = text.join(' ');
    expect(prose).toContain(
      'en 4 échéance(s) : Échéance Date Montant 1 15/12/2026 300,00 € 2 15/01/2027 300,00 € 3 15/02/2027 300,00 € 4 15/03/2027 300,00 € Total 1 200,00 €',
    );
    expect(prose).toContain(
      "Nous vous confirmons l'échéancier convenu le 30 novembre 2026 pour le règlement de 1 200,00 € (principal restant dû à cette date), en 4 échéance(s)",
    );
    expect(prose).toContain('Un rappel vous sera adressé 3 jours avant chaque échéance.');
    expect(prose).toContain('plus de 5 jours après sa date, nous vous adresserons une mise en demeure');
    expect(prose).toContain('déchéance du terme');
  });

  it('the notice before the lapse states the arrears, the 15 days and what each instalment received', async () => {
    const paidOne = dossier({
      payments: [
        {
          paymentId: 'T1',
          date: '2026-12-14',
          amountCents: 30_000,
          currency: 'EUR',
          receivedAt: '2026-12-14T10:00:00.000Z',
        },
      ],
    });
    const message = composePlanMessage({
      dossier: paidOne,
      tenant: aTenant('tenant-a'),
      ref: { planId: 'P1', message: 'notice', instalment: 2 },
      channel: 'letter',
      day: '2027-01-21',
    });
    if (message.channel !== 'letter') throw new Error('expected a letter');
    const text = lines(pdftotext(await new PdfLetterRenderer().render(message.content)));
    const prose = text.join(' ');
    expect(prose).toContain('Reçu 1 15/12/2026 300,00 € 300,00 € 2 15/01/2027 300,00 € 0,00 €');
    expect(prose).toContain('Les échéances échues et impayées s’élèvent à 300,00 €'.replace('’', "'"));
    expect(prose).toContain(
      'dans un délai de 15 jours à compter de la date de ce courrier (article 1344 du Code civil)',
    );
    expect(prose).toContain('soit 900,00 € au titre de l');
  });
});

describe.runIf(hasPython)('the confirmation e-mail', () => {
  it('reads, in a real MIME parser, with the schedule in both the text and the HTML part', () => {
    const message = composePlanMessage({
      dossier: dossier({ debtor: aDebtor() }),
      tenant: aTenant('tenant-a'),
      ref: { planId: 'P1', message: 'confirmation' },
      channel: 'email',
      day: '2026-11-30',
    });
    if (message.channel !== 'email') throw new Error('expected an e-mail');
    const eml = buildEml(anEmail({ subject: message.subject, text: message.text, html: message.html }));
    const run = spawnSync('python3', ['-c', PARSE], { input: eml, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const parsed = JSON.parse(run.stdout) as {
      subject: string;
      defects: string[];
      text: string;
      html: string;
    };
    expect(parsed.defects).toEqual([]);
    expect(parsed.subject).toBe('Confirmation de votre échéancier de paiement — réf. DOS-CLI-001');
    expect(lines(parsed.text)).toEqual(
      expect.arrayContaining([
        'Échéance | Date | Montant',
        '1 | 15/12/2026 | 300,00 €',
        'Total | | 1 200,00 €',
      ]),
    );
    expect(parsed.html.replace(/[\u00a0\u202f]/g, ' ')).toContain(
      '<tr><td>4</td><td>15/03/2027</td><td>300,00 €</td></tr>',
    );
  });
});
