import { describe, expect, it } from 'vitest';
import { PdfLetterRenderer } from '../../shared/adapters/pdf/pdf-letter-renderer';
import { withDisputeOpened } from '../../shared/domain/dispute-lifecycle';
import { buildMessageContext } from '../../shared/domain/messages/message-context';
import { renderEmail } from '../../shared/domain/messages/templates';
import { letterContent } from '../../shared/use-cases/escalation/letter-content';
import { aDossier, anInvoice, aTenant } from '../support/builders';
import { hasPdfTools, pdftotext } from '../support/pdf-tools';

/**
 * A reminder letter for a debtor who disputes one invoice of two, read back as a reader gets it
 * (pdftotext): the table and the total claim the other invoice only, and a paragraph names the
 * disputed one, so the debtor sees it is neither forgotten nor claimed.
 */
describe('a letter while one invoice of two is disputed', () => {
  const dossier = withDisputeOpened(
    aDossier({
      invoices: [
        anInvoice({ number: 'F-1', dueDate: '2026-03-03', amountCents: 100_000 }),
        anInvoice({ number: 'F-2', dueDate: '2026-02-01', amountCents: 20_000 }),
      ],
    }),
    { disputeId: 'LIT-1', reason: 'defective', invoices: ['F-2'], openedOn: '2026-03-06', levelIndex: 1 },
    '2026-03-06T09:00:00.000Z',
  );

  it.skipIf(!hasPdfTools)('claims F-1 only and says F-2 is left out while disputed', async () => {
    const tenant = aTenant('tenant-a');
    const ctx = buildMessageContext(dossier, tenant, '2026-03-11');
    const bytes = await new PdfLetterRenderer().render(letterContent('reminder-2', ctx, dossier, tenant));
    const text = pdftotext(bytes).replace(/\s+/g, ' ');
    expect(text).toContain('F-1');
    expect(text).toContain('Ce courrier ne réclame pas les factures que vous contestez (F-2)');
    expect(text).toMatch(/Total 1[\s\u202f\u00a0]000,00/);
    // F-2 appears only in the paragraph, never as a line of the table with its 200 EUR.
    expect(text).not.toMatch(/F-2 \d/);
    expect(text).not.toContain('200,00');
  });

  it('the e-mail lists F-1 only and names F-2 in a sentence, in its text and its HTML', () => {
    const tenant = aTenant('tenant-a');
    const email = renderEmail('reminder-2', buildMessageContext(dossier, tenant, '2026-03-11'));
    expect(email.text).toContain('- F-1 — échéance 03/03/2026');
    expect(email.text).not.toContain('- F-2');
    expect(email.text).toContain('Ce message ne réclame pas les factures que vous contestez (F-2)');
    expect(email.html).toContain('<p>Ce message ne réclame pas les factures que vous contestez (F-2)');
    const undisputed = renderEmail('reminder-2', buildMessageContext(aDossier(), tenant, '2026-03-11'));
    expect(undisputed.text).not.toContain('contestez');
  });
});
