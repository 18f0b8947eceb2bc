import { describe, expect, it } from 'vitest';
import {
  forbiddenCharges,
  L111_8_TEXT,
  missingMentions,
  requiredMentions,
} from '../../../shared/domain/legal/formal-notice-content';

const b2b = { debtorType: 'professional' as const, betweenProfessionals: true, agency: false };
const consumer = { debtorType: 'consumer' as const, betweenProfessionals: false, agency: false };

const LETTER = `MISE EN DEMEURE — Lyon, le 12 janvier 2026
Créancier : Atelier Durand SARL. Débiteur : Société Martin SAS.
Madame, Monsieur, nous vous mettons en demeure de payer la facture F-2025-0231 du 15 septembre 2025 :
montant principal 12 500,00 €, pénalités de retard 460,60 € (C. com. art. L441-10),
indemnité forfaitaire pour frais de recouvrement 40,00 €, en vertu de nos conditions générales de vente.
Date limite de paiement : au plus tard le 27 janvier 2026.
À défaut, nous saisirons le tribunal par voie d'injonction de payer.`;

describe('formal notice content (docs/legal.md §5, CPCE R124-4)', () => {
  it('a complete B2B letter lacks nothing', () => {
    expect(missingMentions(LETTER, b2b)).toEqual([]);
  });

  it('names what is missing', () => {
    const text = LETTER.replace('MISE EN DEMEURE — ', '').replace(
      'indemnité forfaitaire pour frais de recouvrement 40,00 €, ',
      '',
    );
    expect(missingMentions(text, b2b).map((m) => m.id)).toEqual(['title', 'recovery-indemnity']);
  });

  it('for a consumer, asks for legal-rate interest, not penalties', () => {
    expect(requiredMentions(consumer).map((m) => m.id)).toContain('legal-interest');
    expect(requiredMentions(consumer).map((m) => m.id)).not.toContain('recovery-indemnity');
  });

  it('agency mode adds the R124-4 mentions, including the text of L111-8', () => {
    const agency = { ...b2b, agency: true };
    expect(missingMentions(LETTER, agency).map((m) => m.id)).toEqual([
      'agency-identity',
      'creditor-address',
      'payment-methods',
      'l111-8',
    ]);
    const full = `${LETTER}\nRecouvre SAS, agence de recouvrement amiable, pour le compte de Atelier Durand, 3 rue X, Lyon.
Paiement par virement (IBAN FR76 ...). ${L111_8_TEXT}`;
    expect(missingMentions(full, agency)).toEqual([]);
  });

  it('checks structured content exactly', () => {
    const missing = missingMentions(
      {
        title: 'Mise en demeure',
        date: '2026-01-12',
        creditor: { name: 'Atelier Durand' },
        debtor: { name: 'Société Martin' },
        invoices: [{ number: 'F-1', principalCents: 100_000, interestCents: 1_000 }],
        legalBasis: ['C.com. L441-10'],
        paymentDeadline: '2026-01-27',
      },
      b2b,
    );
    expect(missing.map((m) => m.id)).toEqual(['consequence', 'recovery-indemnity']);
  });

  it('flags an indemnity charged to a consumer', () => {
    expect(
      forbiddenCharges(
        { invoices: [{ number: 'C-1', principalCents: 1000, indemnityCents: 4000 }] },
        consumer,
      ),
    ).toHaveLength(1);
    expect(
      forbiddenCharges({ invoices: [{ number: 'F-1', principalCents: 1000, indemnityCents: 4000 }] }, b2b),
    ).toEqual([]);
  });
});
