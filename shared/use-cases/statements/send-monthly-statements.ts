import { parisDate } from '../../domain/calendar';
import { type Dossier, dossierOutstandingCents } from '../../domain/dossier';
import { firstWorkingDayOfMonth } from '../../domain/statement';
import type { TimelineEvent } from '../../domain/timeline';
import { composeMessage } from '../escalation/compose-message';
import type { PipelineDeps } from '../escalation/deps';

export type StatementDeps = Pick<
  PipelineDeps,
  'repository' | 'tenants' | 'messenger' | 'logger' | 'senderEmail'
>;

export interface StatementRun {
  day: string;
  sent: number;
  alreadySent: number;
}

/**
 * Prevention: a statement of open invoices, e-mailed on the first working day of each month to
 * the debtors who asked for one (intake column `statement=monthly`).
 * 1. do nothing unless `asOf` falls on the month's first working day;
 * 2. for each open dossier of the tenant whose debtor asked, has an e-mail address, has not
 *    opted out of e-mail and owes something: claim `<day>#STATEMENT` on the timeline;
 * 3. render the `statement` template and send it; mark the event done with the .eml's hash.
 * The statement is information the debtor asked for, not a dunning contact: its event type
 * (`statement-sent`) is not counted by the contact guards, and it never goes to a paid,
 * disputed or closed dossier. Idempotent per dossier and day, like an escalation action.
 */
export async function sendMonthlyStatements(
  deps: StatementDeps,
  input: { tenantId: string; asOf: string },
): Promise<StatementRun> {
  const day = parisDate(input.asOf);
  const run: StatementRun = { day, sent: 0, alreadySent: 0 };
  if (firstWorkingDayOfMonth(day) !== day) return run;
  // The tenant's listing is a global index, eventually consistent: its copy of a dossier may lag
  // an opt-out or a payment recorded a moment ago. It selects; the dossier read strongly decides.
  const listed = (await deps.repository.listDossiers(input.tenantId)).filter(wantsStatement);
  if (listed.length === 0) return run;
  const tenant = await deps.tenants.getTenant(input.tenantId);
  for (const { tenantId, dossierId } of listed) {
    const dossier = await deps.repository.getDossier(tenantId, dossierId);
    if (!dossier || !wantsStatement(dossier)) continue;
    const eventId = `${day}#STATEMENT`;
    const claim: TimelineEvent = {
      tenantId: dossier.tenantId,
      dossierId: dossier.dossierId,
      eventId,
      type: 'statement-sent',
      at: input.asOf,
      day,
      actor: 'pipeline',
      channel: 'email',
      template: 'statement',
      amountCents: dossierOutstandingCents(dossier),
      state: 'pending',
    };
    if (!(await deps.repository.appendEvent(claim))) {
      const previous = await deps.repository.getEvent(dossier.tenantId, dossier.dossierId, eventId);
      if (previous?.state === 'done') {
        run.alreadySent++;
        continue;
      }
    }
    const email = composeMessage({
      dossier,
      tenant,
      timeline: [],
      template: 'statement',
      levelKind: 'reminder',
      channel: 'email',
      day,
    });
    if (email.channel !== 'email') continue;
    const receipt = await deps.messenger.sendEmail({
      at: input.asOf,
      tenantId: dossier.tenantId,
      dossierId: dossier.dossierId,
      debtorId: dossier.debtor.ref,
      level: 'statement',
      template: 'statement',
      idempotencyKey: `${dossier.tenantId}#${dossier.dossierId}#${eventId}`,
      to: dossier.debtor.email!,
      from: deps.senderEmail,
      replyTo: tenant.email,
      subject: email.subject,
      text: email.text,
      html: email.html,
    });
    await deps.repository.markEventDone({
      ...claim,
      state: 'done',
      ...(receipt.document ? { document: receipt.document } : {}),
    });
    run.sent++;
  }
  deps.logger.info('monthly statements sent', { tenantId: input.tenantId, day, sent: run.sent });
  return run;
}

function wantsStatement(d: Dossier): boolean {
  return (
    d.status === 'open' &&
    d.debtor.statement === 'monthly' &&
    d.debtor.email !== undefined &&
    !d.debtor.optOuts.includes('email') &&
    dossierOutstandingCents(d) > 0
  );
}

/**
 * The daily 09:00 job on AWS: every tenant's statements, one tenant after the other (a tenant
 * that fails is logged and the others still get theirs; the job's retry redoes only what is
 * missing, since each statement is claimed on the timeline).
 */
export async function sendMonthlyStatementsForAllTenants(
  deps: StatementDeps,
  input: { asOf: string },
): Promise<{ day: string; tenants: number; sent: number; failedTenants: number }> {
  const day = parisDate(input.asOf);
  const totals = { day, tenants: 0, sent: 0, failedTenants: 0 };
  if (firstWorkingDayOfMonth(day) !== day) return totals;
  let failure: unknown;
  for (const tenantId of await deps.tenants.listTenantIds()) {
    totals.tenants++;
    try {
      totals.sent += (await sendMonthlyStatements(deps, { tenantId, asOf: input.asOf })).sent;
    } catch (error) {
      totals.failedTenants++;
      failure ??= error;
      deps.logger.error('monthly statements failed for a tenant', { tenantId, error: (error as Error).name });
    }
  }
  if (failure) throw failure;
  return totals;
}
