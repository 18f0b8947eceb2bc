import { isLocalDate, parisDate } from '../../../domain/calendar';
import { outstandingCents } from '../../../domain/dossier';
import type { Invoice } from '../../../domain/parties';
import { changeDossier } from '../../events/change-dossier';
import type { DossierRepository, Logger } from '../../ports';
import type { RowProblem } from '../invoice-row';
import type { EInvoice } from './e-invoice';
import { amountCents, sellerProblem, type TenantIds, termProblem } from './e-invoice-row';

/**
 * What a credit note may still take off an invoice: nothing once it is settled (paid, settled or
 * written off with its dossier's closure, upheld): the closure already accounted for it. Found by
 * the lifecycle properties: a credit note after a write-off counted the same cents twice.
 */
function stillDue(invoice: Invoice): number {
  return invoice.settledOn ? 0 : outstandingCents(invoice);
}

export type CreditNoteOutcome =
  | { kind: 'applied'; dossierId: string; invoiceNumber: string; amountCents: number }
  | { kind: 'already-applied'; dossierId: string; invoiceNumber: string }
  | { kind: 'rejected'; problems: RowProblem[] };

/**
 * A credit note (UBL CreditNote, or BT-3 381) reduces the invoice it references (BT-25) by its
 * total (BT-112): the debt is what the seller itself no longer claims (C.civ. 1350 for the part
 * forgiven; the credit note is the seller's acknowledgment). Rejected, never applied blindly: a
 * note of another seller, without BT-25, referencing an invoice not known for the tenant, or
 * exceeding what is still due on it (a refund is the creditor's business, not collection's).
 * The same credit note twice changes nothing.
 */
export async function applyCreditNote(
  deps: { repository: DossierRepository; logger: Logger },
  input: { tenantId: string; creditNote: EInvoice; tenant: TenantIds; receivedAt: string },
): Promise<CreditNoteOutcome> {
  const { tenantId, creditNote, receivedAt } = input;
  const problems: RowProblem[] = [];
  const seller = sellerProblem(creditNote.seller, input.tenant);
  if (seller) problems.push(seller);
  if (!creditNote.number) problems.push(termProblem('BT-1', 'missing'));
  if (!creditNote.issueDate || !isLocalDate(creditNote.issueDate))
    problems.push(termProblem('BT-2', 'missing or not a date'));
  const credit = amountCents(creditNote.totalWithVat);
  if (credit === undefined || credit <= 0)
    problems.push(termProblem('BT-112', 'missing, or not a positive amount'));
  const reference = creditNote.precedingInvoices[0];
  if (!reference)
    problems.push(termProblem('BT-25', 'missing: a credit note must name the invoice it corrects'));
  if (problems.length > 0) return { kind: 'rejected', problems };

  const dossierId = await deps.repository.findInvoiceClaim(tenantId, reference!);
  const held = dossierId ? await deps.repository.getDossier(tenantId, dossierId) : undefined;
  if (!dossierId || !held?.invoices.some((inv) => inv.number === reference))
    return {
      kind: 'rejected',
      problems: [termProblem('BT-25', `references invoice ${reference}, which is not known for this tenant`)],
    };

  const number = creditNote.number!;
  const day = parisDate(receivedAt);
  let refusal: RowProblem | undefined;
  let applied = false;
  await changeDossier(
    deps.repository,
    { tenantId, dossierId },
    (dossier) => {
      refusal = undefined;
      const invoice = dossier.invoices.find((inv) => inv.number === reference)!;
      if (invoice.eInvoice?.credits?.some((c) => c.number === number)) return undefined;
      if (credit! > stillDue(invoice)) {
        refusal = termProblem('BT-112', `exceeds what is still due on invoice ${reference}: not applied`);
        return undefined;
      }
      applied = true;
      const eInvoice = invoice.eInvoice ?? {
        syntax: creditNote.syntax,
        totalWithVatCents: invoice.amountCents,
        amountDueCents: invoice.amountCents,
      };
      const reduced: Invoice = {
        ...invoice,
        amountCents: invoice.amountCents - credit!,
        // Fully credited: nothing is claimed on it any more, the legal engine leaves it out (as an
        // upheld dispute does, dispute-lifecycle.ts). Found by the lifecycle properties: an invoice
        // left at 0 cents made every later step fail (the engine refuses a 0 amount).
        ...(credit === stillDue(invoice) ? { settledOn: day } : {}),
        originalAmountCents: invoice.originalAmountCents ?? invoice.amountCents,
        eInvoice: {
          ...eInvoice,
          credits: [
            ...(eInvoice.credits ?? []),
            { number, amountCents: credit!, issueDate: creditNote.issueDate! },
          ],
        },
      };
      return {
        ...dossier,
        invoices: dossier.invoices.map((inv) => (inv === invoice ? reduced : inv)),
        updatedAt: receivedAt,
      };
    },
    async (dossier) => {
      const invoice = dossier.invoices.find((inv) => inv.number === reference)!;
      const already = invoice.eInvoice?.credits?.some((c) => c.number === number);
      if (already || credit! > stillDue(invoice)) return;
      // Idempotent (deterministic id): written before the save, so a crash leaves no silent change.
      await deps.repository.appendEvent({
        tenantId,
        dossierId,
        eventId: `${day}#CREDIT#${number}`,
        type: 'credit-note-applied',
        at: receivedAt,
        day,
        actor: 'creditor',
        amountCents: credit!,
        invoiceNumbers: [reference!],
        note: `credit note ${number} (${creditNote.syntax})`,
      });
    },
  );
  if (refusal) return { kind: 'rejected', problems: [refusal] };
  if (!applied) return { kind: 'already-applied', dossierId, invoiceNumber: reference! };
  return { kind: 'applied', dossierId, invoiceNumber: reference!, amountCents: credit! };
}
