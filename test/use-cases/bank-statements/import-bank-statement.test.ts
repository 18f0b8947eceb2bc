import { describe, expect, it } from 'vitest';
import type { Dossier } from '../../../shared/domain/dossier';
import { importBankStatement } from '../../../shared/use-cases/bank-statements/import-bank-statement';
import { statementReportCsv } from '../../../shared/use-cases/bank-statements/statement-report';
import { UnreadableFileError } from '../../../shared/use-cases/intake/unreadable-file';
import { aDebtor, aDossier, anInvoice } from '../../support/builders';
import { useDynalite } from '../../support/dynalite';
import { pipelineOn, type TestPipeline } from '../../support/recording-ports';
import { camt053 } from './camt-fixture';

let deps: TestPipeline;
let counter = 0;
useDynalite((dynamo) => {
  deps = pipelineOn(dynamo);
});

const NOW = '2026-11-30T21:30:00.000Z';

function debtorDossier(tenantId: string, ref: string, name: string, invoice: string, cents: number): Dossier {
  return aDossier({
    tenantId,
    dossierId: `DOS-${ref}`,
    debtor: aDebtor({ ref, name }),
    invoices: [
      anInvoice({ number: invoice, amountCents: cents, issueDate: '2026-09-01', dueDate: '2026-10-01' }),
    ],
    nextActionOn: '2026-12-01',
  });
}

/** Five debtors; two garages of the same name owe the same amount (their dossiers differ). */
async function tenantWithDebtors(): Promise<string> {
  const tenantId = `tenant-bank-${++counter}`;
  for (const dossier of [
    debtorDossier(tenantId, 'CLI-001', 'Menuiserie Dupont SARL', 'F-2026-101', 120_000),
    debtorDossier(tenantId, 'CLI-002', 'Boulangerie Martin', 'F-2026-102', 50_000),
    debtorDossier(tenantId, 'CLI-003', 'Garage Petit', 'F-2026-103', 30_000),
    debtorDossier(tenantId, 'CLI-004', 'Garage Petit', 'F-2026-104', 30_000),
    debtorDossier(tenantId, 'CLI-005', 'Jeanne Lefèvre', 'F-2026-105', 8_000),
  ])
    await deps.repository.createDossier(dossier);
  return tenantId;
}

const STATEMENT = camt053([
  // 1. invoice number in the remittance information, the exact amount: matched.
  { ref: 'E1', amount: '1200.00', ustrd: ['FACTURE F-2026-101 MERCI'], payer: 'MENUISERIE DUPONT' },
  // 2. the customer reference as a structured creditor reference, 200 of 500 €: partly matched.
  { ref: 'E2', amount: '200.00', creditorRef: 'CLI-002', payer: 'BOULANGERIE MARTIN' },
  // 3. no reference; payer and amount fit two dossiers: ambiguous, not recorded.
  { ref: 'E3', amount: '300.00', ustrd: ['VIREMENT'], payer: 'GARAGE PETIT' },
  // 4. nothing known: unmatched, not recorded.
  { ref: 'E4', amount: '99.00', ustrd: ['REMBOURSEMENT'], payer: 'ASSOCIATION INCONNUE' },
  // 5. a debit (bank fees): ignored, counted.
  { ref: 'E5', amount: '45.00', indicator: 'DBIT', ustrd: ['FRAIS TENUE DE COMPTE'] },
  // 6. payer and amount fit exactly one dossier, name written the bank's way: matched.
  { ref: 'E6', amount: '80.00', payer: 'MME LEFEVRE JEANNE', endToEndId: 'NOTPROVIDED' },
  // 7. pending, not on the account yet: reported, not recorded.
  { ref: 'E7', amount: '500.00', status: 'PDNG', ustrd: ['F-2026-102'] },
]);

const importStatement = (tenantId: string, body: string | Uint8Array) =>
  importBankStatement(deps, {
    tenantId,
    body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
    receivedAt: NOW,
  });

describe('importBankStatement (camt.053)', () => {
  it('records matched and partly matched credits, never the ambiguous or unmatched ones', async () => {
    // Prepare
    const tenantId = await tenantWithDebtors();
    // Act
    const report = await importStatement(tenantId, STATEMENT);
    // Assess
    expect(report.format).toBe('camt.053');
    expect(report.counts).toMatchObject({
      matched: 2,
      'partly-matched': 1,
      ambiguous: 1,
      unmatched: 1,
      debit: 1,
      'not-booked': 1,
    });
    expect(report.recorded).toBe(3);
    const byPosition = Object.fromEntries(report.lines.map((line) => [line.position, line]));
    expect(byPosition['Ntry 1']).toMatchObject({
      outcome: 'matched',
      rule: 'invoice',
      dossierId: 'DOS-CLI-001',
      invoices: ['F-2026-101'],
      expectedCents: 120_000,
      differenceCents: 0,
    });
    expect(byPosition['Ntry 2']).toMatchObject({
      outcome: 'partly-matched',
      rule: 'reference',
      dossierId: 'DOS-CLI-002',
      expectedCents: 50_000,
      differenceCents: -30_000,
    });
    expect(byPosition['Ntry 3']).toMatchObject({
      outcome: 'ambiguous',
      rule: 'amount-and-payer',
      candidates: ['DOS-CLI-003', 'DOS-CLI-004'],
    });
    expect(byPosition['Ntry 4']).toMatchObject({ outcome: 'unmatched', candidates: [] });
    expect(byPosition['Ntry 6']).toMatchObject({
      outcome: 'matched',
      rule: 'amount-and-payer',
      dossierId: 'DOS-CLI-005',
      invoices: ['F-2026-105'],
    });

    // Through the payment use case: imputed, dated the booking day, keyed on the entry.
    const dupont = (await deps.repository.getDossier(tenantId, 'DOS-CLI-001'))!;
    expect(dupont.status).toBe('paid');
    expect(dupont.payments).toMatchObject([
      {
        paymentId: byPosition['Ntry 1']!.paymentId,
        date: '2026-11-30',
        amountCents: 120_000,
        invoice: 'F-2026-101',
      },
    ]);
    const martin = (await deps.repository.getDossier(tenantId, 'DOS-CLI-002'))!;
    expect(martin.invoices[0]!.paidCents).toBeGreaterThan(0);
    expect(martin.status).toBe('open');
    for (const untouched of ['DOS-CLI-003', 'DOS-CLI-004'])
      expect((await deps.repository.getDossier(tenantId, untouched))!.payments ?? []).toEqual([]);

    // Payer names are in the report for the person, never in the logs.
    expect(deps.logger.text()).not.toMatch(/DUPONT|MARTIN|PETIT|LEFEVRE|INCONNUE/i);
  });

  it('imported twice records nothing twice', async () => {
    const tenantId = await tenantWithDebtors();
    const first = await importStatement(tenantId, STATEMENT);
    const second = await importStatement(tenantId, STATEMENT);
    expect(second.recorded).toBe(0);
    expect(second.counts['already-recorded']).toBe(first.recorded);
    expect(second.lines.filter((l) => l.outcome === 'already-recorded').map((l) => l.paymentId)).toEqual(
      first.lines.filter((l) => l.paymentId).map((l) => l.paymentId),
    );
    const timeline = await deps.repository.listTimeline(tenantId, 'DOS-CLI-002');
    expect(timeline.filter((e) => e.type === 'payment-received')).toHaveLength(1);
  });

  it('writes a report French Excel opens: BOM, `;`, decimal comma, formula-like cells neutralised', async () => {
    const tenantId = await tenantWithDebtors();
    const report = await importStatement(
      tenantId,
      camt053([
        { ref: 'X1', amount: '200.00', creditorRef: 'CLI-002' },
        { ref: 'X2', amount: '12.00', payer: '=HYPERLINK("http://evil")' },
      ]),
    );
    const csv = statementReportCsv(report);
    expect(csv.startsWith('\uFEFFposition;outcome;date;amount;')).toBe(true);
    const [, partly, unmatched] = csv.split('\r\n');
    expect(partly).toContain(';partly-matched;2026-11-30;200,00;EUR;reference;DOS-CLI-002;;500,00;-300,00;');
    expect(unmatched).toContain(';"\'=HYPERLINK(""http://evil"")";');
  });

  it('refuses a DOCTYPE (XXE, entity expansion) and malformed XML with a clear reason, recording nothing', async () => {
    const tenantId = await tenantWithDebtors();
    const xxe = STATEMENT.replace(
      '<Document',
      '<!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<Document',
    ).replace('FACTURE F-2026-101', '&xxe;');
    await expect(importStatement(tenantId, xxe)).rejects.toThrow(
      new UnreadableFileError(
        'the XML declares a DOCTYPE (entities): refused, a camt.053 statement has none',
      ),
    );
    const broken = STATEMENT.replace('</NtryRef>', '');
    await expect(importStatement(tenantId, broken)).rejects.toThrow(
      /^not well-formed XML \(line \d+, column \d+\)/,
    );
    await expect(importStatement(tenantId, '<Document><Other/></Document>')).rejects.toThrow(
      'not a camt.053 statement',
    );
    expect((await deps.repository.getDossier(tenantId, 'DOS-CLI-001'))!.payments ?? []).toEqual([]);
  });

  it('reports an entry it cannot read and keeps its neighbours', async () => {
    const tenantId = await tenantWithDebtors();
    const report = await importStatement(
      tenantId,
      camt053([
        { ref: 'B1', amount: '12,00', ustrd: ['F-2026-105'] },
        { ref: 'B2', amount: '80.00', ustrd: ['F-2026-105'] },
      ]),
    );
    expect(report.lines.map((l) => [l.position, l.outcome])).toEqual([
      ['Ntry 1', 'rejected'],
      ['Ntry 2', 'matched'],
    ]);
    expect(report.lines[0]!.reason).toContain('Amt: expected an amount such as 1234.56');
  });
});

describe('importBankStatement (CSV from French Excel)', () => {
  it('reads Windows-1252, `;`, decimal comma, dd/mm/yyyy; debits counted; bad lines reported', async () => {
    const tenantId = await tenantWithDebtors();
    const text = [
      'Date;Montant;Référence;Payeur',
      '30/11/2026;1\u00a0200,00;Règlement facture F-2026-101;Société Dupont',
      '30/11/2026;-45,00;Frais bancaires;',
      '31/11/2026;10,00;F-2026-102;Boulangerie Martin',
      '29/11/2026;80,00;Virement;Mme Jeanne Lefèvre',
    ].join('\r\n');
    const bytes = new Uint8Array(Buffer.from(text, 'latin1'));
    expect(bytes.includes(0xe9)).toBe(true); // é as one byte: not UTF-8
    const report = await importStatement(tenantId, bytes);
    expect(report.format).toBe('csv');
    expect(report.lines.map((l) => [l.position, l.outcome, l.dossierId])).toEqual([
      ['line 4', 'rejected', undefined],
      ['line 2', 'matched', 'DOS-CLI-001'],
      ['line 3', 'debit', undefined],
      ['line 5', 'matched', 'DOS-CLI-005'],
    ]);
    expect(report.lines[0]!.reason).toBe('date: not a date (expected YYYY-MM-DD or DD/MM/YYYY)');
    expect(report.lines[1]).toMatchObject({ amountCents: 120_000, payerName: 'Société Dupont' });
    const again = await importStatement(tenantId, bytes);
    expect(again.recorded).toBe(0);
    expect(again.counts['already-recorded']).toBe(2);
  });
});
