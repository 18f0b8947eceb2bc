import { addDays, type LocalDate } from '../../../shared/domain/calendar';
import { type Dossier, dossierIdFor } from '../../../shared/domain/dossier';
import type { Debtor } from '../../../shared/domain/parties';
import { defaultNature, qualifyInvoice, refreshPrescription } from '../../../shared/domain/qualification';
import { scenarioFor } from '../../../shared/domain/scenario';
import { seededRandom } from '../demo/debtor-behaviour';

/** The benchmark's data: generated from a seed, so two runs ingest and sweep exactly the same things. */
export const BENCH_TENANT = 'bench';

export const BENCH_TENANT_PROFILE = {
  creditorType: 'professional',
  name: 'SAS Banc d’Essai',
  address: { line1: '1 place de la Bourse', postalCode: '75002', city: 'Paris', country: 'FR' },
  email: 'credit@banc-essai.example',
  mode: 'creditor',
  siren: '552100554',
};

const CITIES: [string, string][] = [
  ['75011', 'Paris'],
  ['69003', 'Lyon'],
  ['13008', 'Marseille'],
  ['31000', 'Toulouse'],
  ['33000', 'Bordeaux'],
  ['59000', 'Lille'],
];

const HEADER =
  'invoice_number;debtor_ref;debtor_type;debtor_name;debtor_email;debtor_phone;address_line1;postal_code;city;country;amount;currency;issue_date;due_date;nature;language';

interface GeneratedDebtor {
  ref: string;
  type: 'professional' | 'consumer';
  name: string;
  email: string;
  phone: string;
  street: string;
  postalCode: string;
  city: string;
}

function debtorAt(index: number, random: () => number): GeneratedDebtor {
  const professional = random() < 0.6;
  const [postalCode, city] = CITIES[Math.floor(random() * CITIES.length)]!;
  const ref = `B${String(index).padStart(7, '0')}`;
  return {
    ref,
    type: professional ? 'professional' : 'consumer',
    name: professional ? `SARL Client ${index}` : `Client ${index}`,
    email: `compta.${index}@client.example`,
    // About a third of the debtors gave no mobile number: the ladder skips their SMS.
    phone: random() < 0.7 ? `+336${String(10_000_000 + (index % 89_999_999)).slice(0, 8)}` : '',
    street: `${1 + (index % 120)} rue du Banc`,
    postalCode,
    city,
  };
}

/**
 * `rows` invoice lines (semicolon CSV, as a French export) for debtors holding 1 to 3 invoices
 * each (2 on average); due dates 5 to 60 days before `today`, so every dossier is scheduled.
 */
export function invoiceCsv(rows: number, seed: number, today: LocalDate): string {
  const random = seededRandom(seed);
  const lines = [HEADER];
  let debtorIndex = 0;
  let written = 0;
  while (written < rows) {
    const debtor = debtorAt(debtorIndex++, random);
    const count = Math.min(rows - written, 1 + Math.floor(random() * 3));
    for (let i = 0; i < count; i++) {
      const due = addDays(today, -(5 + Math.floor(random() * 56)));
      const issue = addDays(due, -30);
      const cents = 2_000 + Math.floor(random() * 500_000);
      const amount = `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
      const nature = debtor.type === 'professional' ? 'commercial' : 'consumer';
      lines.push(
        [
          `BF-${String(written + 1).padStart(8, '0')}`,
          debtor.ref,
          debtor.type,
          debtor.name,
          debtor.email,
          debtor.phone,
          debtor.street,
          debtor.postalCode,
          debtor.city,
          'FR',
          amount,
          'EUR',
          issue,
          due,
          nature,
          'fr',
        ].join(';'),
      );
      written++;
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `count` open dossiers as intake would have left them, one invoice each; `dueFraction` of them
 * have their next action on `today` (overdue by 1 to 10 days), the others later in the month.
 */
export function openDossiers(count: number, dueFraction: number, seed: number, today: LocalDate): Dossier[] {
  const random = seededRandom(seed);
  const dueEvery = Math.max(1, Math.round(1 / dueFraction));
  const dossiers: Dossier[] = [];
  for (let index = 0; index < count; index++) {
    const g = debtorAt(index, random);
    const due = index % dueEvery === 0;
    const dueDate = due ? addDays(today, -(1 + Math.floor(random() * 10))) : addDays(today, 2 + (index % 25));
    const debtor: Debtor = {
      ref: g.ref,
      type: g.type,
      name: g.name,
      email: g.email,
      ...(g.phone ? { phone: g.phone } : {}),
      address: { line1: g.street, postalCode: g.postalCode, city: g.city, country: 'FR' },
      language: 'fr',
      optOuts: [],
    };
    const invoice = qualifyInvoice(
      {
        number: `BS-${String(index + 1).padStart(8, '0')}`,
        amountCents: 2_000 + Math.floor(random() * 500_000),
        paidCents: 0,
        currency: 'EUR',
        issueDate: addDays(dueDate, -30),
        dueDate,
        nature: defaultNature('professional', g.type),
      },
      g.type,
    );
    const at = `${addDays(today, -40)}T08:00:00.000Z`;
    const dossier: Dossier = {
      tenantId: BENCH_TENANT,
      dossierId: dossierIdFor(g.ref),
      creditorType: 'professional',
      debtor,
      invoices: [invoice],
      scenarioId: scenarioFor(g.type).id,
      status: 'open',
      levelIndex: -1,
      prescriptionWarnings: [],
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    const qualified = refreshPrescription(dossier, today);
    dossiers.push({ ...qualified, nextActionOn: due ? today : addDays(today, 1 + (index % 28)) });
  }
  return dossiers;
}
