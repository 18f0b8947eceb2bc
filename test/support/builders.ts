import type { LocalDate } from '../../shared/domain/calendar';
import type { Dossier } from '../../shared/domain/dossier';
import type { Debtor, Invoice } from '../../shared/domain/parties';
import type { TenantProfile } from '../../shared/use-cases/ports';

/** Test data builders: realistic defaults, every field overridable. */
export function aDebtor(overrides: Partial<Debtor> = {}): Debtor {
  return {
    ref: 'CLI-001',
    type: 'professional',
    name: 'Menuiserie Dupont SARL',
    email: 'compta@dupont.example',
    phone: '+33612345678',
    address: { line1: '12 rue des Lilas', postalCode: '69003', city: 'Lyon', country: 'FR' },
    language: 'fr',
    optOuts: [],
    ...overrides,
  };
}

export function anInvoice(overrides: Partial<Invoice> = {}): Invoice {
  return {
    number: 'F-2026-001',
    amountCents: 120_000,
    paidCents: 0,
    currency: 'EUR',
    issueDate: '2026-02-01',
    dueDate: '2026-03-03',
    nature: 'commercial',
    prescriptionDate: '2031-03-03',
    ...overrides,
  };
}

export function aDossier(overrides: Partial<Dossier> = {}): Dossier {
  return {
    tenantId: 'tenant-a',
    dossierId: 'DOS-CLI-001',
    creditorType: 'professional',
    debtor: aDebtor(),
    invoices: [anInvoice()],
    scenarioId: 'fr-b2b-default',
    status: 'open',
    levelIndex: -1,
    prescriptionWarnings: [],
    createdAt: '2026-02-01T08:00:00.000Z',
    updatedAt: '2026-02-01T08:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

export function aTenant(tenantId: string, overrides: Partial<TenantProfile> = {}): TenantProfile {
  return {
    tenantId,
    creditorType: 'professional',
    name: 'Atelier Martin SAS',
    address: { line1: '3 place Bellecour', postalCode: '69002', city: 'Lyon', country: 'FR' },
    email: 'recouvrement@martin.example',
    mode: 'creditor',
    ...overrides,
  };
}

/**
 * When escalation steps run on a sweep day: the overdue sweep starts at 06:00 Paris and holds
 * until the contact window opens, so steps act inside it. 08:00Z is 09:00 (winter) or 10:00
 * (summer) in Paris: always the same Paris day, always inside the 08:00-20:00 window.
 */
export function morningOf(day: LocalDate): string {
  return `${day}T08:00:00.000Z`;
}
