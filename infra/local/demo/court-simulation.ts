import { addDays, addMonths, type LocalDate } from '../../../shared/domain/calendar';
import type { Dossier } from '../../../shared/domain/dossier';
import type { JudicialPath } from '../../../shared/domain/judicial/judicial-state';
import { apiRequest } from '../api-request';
import type { EmbeddedStack } from '../embedded-stack';

/** One dossier the simulated creditor takes to court, and what it records on which day. */
interface Track {
  dossierId: string;
  plan: { day: LocalDate; kind: string; details?: Record<string, unknown> }[];
}

/**
 * The court, simulated for the demo (docs/legal.md §10), every step through the API as the
 * creditor would record it:
 * - the first non-payer whose judicial review recommends an injonction de payer: the creditor
 *   files (POST /dossiers/{id}/judicial-decision); the next morning's judicial sweep builds the
 *   court file (request PDF + bundle.zip in the documents bucket); the request is filed that
 *   afternoon, the order issued a week later, served 12 days after, no opposition once the month
 *   has passed (CPC 1416), the enforceable formula 2 days later (CPC 1422), the mandate to a
 *   commissaire de justice 2 days after that (its hand-off names the bundle);
 * - the first small claim (petites créances, CPCE L125-1): filed the same way, the sweep builds
 *   the invitation for a commissaire de justice, which is sent (small-claims-invited) that
 *   afternoon; the debtor agrees 12 days later, within the month the sweep watches (silence
 *   would be a refusal, CPCE R125-1 ff.), so the run ends with the agreement as its title;
 * - the first debtor in another EU country (European order for payment, Reg. 1896/2006): filed
 *   the same way, the next morning's judicial step writes form A's data as JSON with its bundle.
 */
export class CourtSimulation {
  private readonly tracks = new Map<JudicialPath, Track>();
  errors = 0;
  events = 0;

  constructor(
    private readonly stack: EmbeddedStack,
    private readonly tenantId: string,
  ) {}

  /** The dossier carried through the injonction de payer, once chosen. */
  get chosen(): string | undefined {
    return this.tracks.get('injonction-de-payer')?.dossierId;
  }

  /** The small claim sent to a commissaire de justice, once chosen. */
  get smallClaim(): string | undefined {
    return this.tracks.get('petites-creances')?.dossierId;
  }

  /** The debtor in another EU country taken to the European order for payment, once chosen. */
  get europeanOrder(): string | undefined {
    return this.tracks.get('european-order')?.dossierId;
  }

  /**
   * `heard`: the dossiers the simulation re-read today (simulation.ts: those stepped, and those
   * whose debtor reacts). A judicial review is flagged by a step, which leaves its dossier
   * `judicial`: on a day none of them is, no new review can be chosen, and the open tasks (every
   * one of the tenant's) are not listed again. Without it, they are listed every day.
   */
  async day(day: LocalDate, heard?: readonly Dossier[]): Promise<void> {
    const reviewed = heard === undefined || heard.some((dossier) => dossier.status === 'judicial');
    if (this.tracks.size < 3 && reviewed) await this.choose(day);
    for (const track of this.tracks.values())
      for (const step of track.plan.filter((s) => s.day === day)) {
        if (step.kind === 'decide') await this.decide(track.dossierId, day);
        else await this.record(track.dossierId, day, step);
      }
  }

  private async record(dossierId: string, day: LocalDate, step: Track['plan'][number]): Promise<void> {
    const response = (await this.stack.functions.api!(
      apiRequest('POST /dossiers/{dossierId}/court-events', {
        tenantId: this.tenantId,
        pathParameters: { dossierId },
        body: {
          eventId: `demo-${step.kind}`,
          kind: step.kind,
          date: day,
          ...(step.details ? { details: step.details } : {}),
        },
      }),
    )) as { statusCode: number };
    if (response.statusCode === 200) this.events++;
    else this.errors++;
  }

  /** The first judicial review recommending each path (its open task says so), by dossier id. */
  private async choose(day: LocalDate): Promise<void> {
    const tasks = (await this.stack.repository.listOpenTasks(this.tenantId))
      .filter((task) => task.kind === 'judicial-review')
      .sort((a, b) => a.dossierId.localeCompare(b.dossierId));
    const first = (path: JudicialPath) => tasks.find((task) => task.judicial?.path === path)?.dossierId;
    const injonction = first('injonction-de-payer');
    if (!this.tracks.has('injonction-de-payer') && injonction)
      this.tracks.set('injonction-de-payer', { dossierId: injonction, plan: injonctionPlan(day) });
    // Decided today, form A's data (Reg. 1896/2006) built as JSON by tomorrow's 03:00 judicial step.
    const european = first('european-order');
    if (!this.tracks.has('european-order') && european)
      this.tracks.set('european-order', { dossierId: european, plan: [{ day, kind: 'decide' }] });
    const small = first('petites-creances');
    if (!this.tracks.has('petites-creances') && small)
      this.tracks.set('petites-creances', {
        dossierId: small,
        // Decided today, its invitation built by tomorrow's 03:00 sweep, sent that afternoon.
        plan: [
          { day, kind: 'decide' },
          { day: addDays(day, 1), kind: 'small-claims-invited' },
          { day: addDays(day, 13), kind: 'small-claims-agreed' },
        ],
      });
  }

  /** The creditor files (POST /dossiers/{id}/judicial-decision), unless a decision is there already. */
  private async decide(dossierId: string, day: LocalDate): Promise<void> {
    const dossier = await this.stack.repository.getDossier(this.tenantId, dossierId);
    if (!dossier?.judicial || dossier.judicial.decision) return;
    const response = (await this.stack.functions.api!(
      apiRequest('POST /dossiers/{dossierId}/judicial-decision', {
        tenantId: this.tenantId,
        pathParameters: { dossierId },
        body: { decisionId: `demo-file-${day}`, kind: 'file' },
      }),
    )) as { statusCode: number };
    if (response.statusCode !== 200) this.errors++;
  }
}

/** Decided on `day`; the court file is built by the next morning's sweep, filed that afternoon. */
function injonctionPlan(day: LocalDate): Track['plan'] {
  const filed = addDays(day, 1);
  const served = addDays(filed, 12);
  // The opposition window ends a month after the service (CPC 1416): "no opposition" the day after.
  const noOpposition = addDays(addMonths(served, 1), 1);
  return [
    { day, kind: 'decide' },
    { day: filed, kind: 'request-filed' },
    { day: addDays(filed, 7), kind: 'order-issued' },
    { day: served, kind: 'order-served' },
    { day: noOpposition, kind: 'no-opposition' },
    { day: addDays(noOpposition, 2), kind: 'enforceable-formula' },
    {
      day: addDays(noOpposition, 4),
      kind: 'enforcement-mandate',
      details: {
        agentName: 'Étude de commissaires de justice (démo)',
        agentEmail: 'etude@commissaires.example',
      },
    },
  ];
}
