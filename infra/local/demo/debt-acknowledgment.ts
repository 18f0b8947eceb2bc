import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { LocalDate } from '../../../shared/domain/calendar';
import { resolveScenario } from '../../../shared/domain/scenario-catalog';
import { findTenant } from '../../../shared/use-cases/find-tenant';
import { apiRequest } from '../api-request';
import type { EmbeddedStack } from '../embedded-stack';

/**
 * One debtor of the demo, after the formal notice, writes to acknowledge the debt (a signed
 * acknowledgment asking for time): the creditor records it (POST /dossiers/{id}/acknowledgments)
 * and the limitation period starts again from that day (C.civ. 2240), which the dossier's
 * prescription date shows. The first open dossier (by id) at the formal notice with nothing paid.
 */
export class DebtAcknowledgmentDesk {
  /** What was recorded: the dossier and its prescription date before and after. */
  recorded?: { dossierId: string; date: LocalDate; before: string | null; after: string | null };
  errors = 0;

  constructor(
    private readonly stack: EmbeddedStack,
    private readonly tenantId: string,
  ) {}

  async day(day: LocalDate, at: string): Promise<void> {
    if (this.recorded) return;
    const dossiers = await this.stack.repository.listDossiers(this.tenantId);
    const settings = (await findTenant(this.stack.repository, this.tenantId)) ?? {};
    const atFormalNotice = (scenarioId: string, levelIndex: number) =>
      resolveScenario(scenarioId, settings).levels.findIndex((level) => level.kind === 'formal-notice') ===
      levelIndex;
    const candidate = dossiers
      .filter((d) => d.status === 'open' && d.invoices.every((inv) => inv.paidCents === 0))
      .filter((d) => d.lastActionOn !== undefined && d.levelIndex >= 0)
      .sort((a, b) => a.dossierId.localeCompare(b.dossierId))
      .find((d) => atFormalNotice(d.scenarioId, d.levelIndex));
    if (!candidate) return;
    const response = (await this.stack.functions.api!(
      apiRequest('POST /dossiers/{dossierId}/acknowledgments', {
        tenantId: this.tenantId,
        pathParameters: { dossierId: candidate.dossierId },
        body: {
          acknowledgmentId: `RDD-${candidate.dossierId}`,
          date: day,
          note: 'signed acknowledgment, asks for time',
        },
        at,
      }),
    )) as APIGatewayProxyStructuredResultV2;
    if (response.statusCode !== 200) {
      this.errors++;
      return;
    }
    const outcome = JSON.parse(String(response.body)) as {
      previousPrescriptionDate: string | null;
      prescriptionDate: string | null;
    };
    this.recorded = {
      dossierId: candidate.dossierId,
      date: day,
      before: outcome.previousPrescriptionDate,
      after: outcome.prescriptionDate,
    };
  }
}
