import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OutboxIndexLine } from '../../../shared/adapters/local/outbox-messenger';
import { type Dossier, dossierOutstandingCents } from '../../../shared/domain/dossier';
import { formatEuros } from '../../../shared/domain/money';
import type { Channel } from '../../../shared/domain/parties';
import type { DossierRepository } from '../../../shared/use-cases/ports';
import { DOCUMENTS_BUCKET } from '../embedded-stack';
import { formatLegalEvents, type LegalEventEntry, legalEventEntries } from './legal-events-summary';
import { formatLifecycle, type LifecycleEntry, lifecycleEntries } from './lifecycle-summary';
import { formatPlanCounts, levelLabel, type PlanCounts, planCounts } from './plan-summary';

export interface DossierOutcome {
  dossierId: string;
  debtorType: string;
  invoices: number;
  principalCents: number;
  recoveredCents: number;
  outstandingCents: number;
  levels: string[];
  outcome: string;
}

/** A court file the judicial sweep built (docs/legal.md §10), and where its files are in `out/`. */
export interface CourtFileOutcome {
  dossierId: string;
  path: string;
  stage: string;
  builtOn: string;
  /** Relative to the demo's out/: the documents bucket's folder (`buckets/documents/...`). */
  files: string[];
}

export interface DemoSummary {
  dossiers: DossierOutcome[];
  courtFiles: CourtFileOutcome[];
  /** Payment plans granted in the run, by status (plan-summary.ts). */
  paymentPlans?: PlanCounts;
  /** Disputes and promises of the run, and how the ladder went on after each (lifecycle-summary.ts). */
  lifecycle: LifecycleEntry[];
  /** Transfers found in bank statements, acknowledgments of debt (legal-events-summary.ts). */
  legalEvents: LegalEventEntry[];
  totals: {
    principalCents: number;
    recoveredCents: number;
    outstandingCents: number;
    byOutcome: Record<string, number>;
    messagesByChannel: Record<Channel, number>;
  };
}

export async function readOutbox(outDir: string): Promise<OutboxIndexLine[]> {
  let text = '';
  try {
    text = await readFile(join(outDir, 'outbox.jsonl'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as OutboxIndexLine);
}

function outcomeOf(dossier: Dossier, recovered: number): string {
  if (dossier.status === 'open' && dossier.paymentPlans?.some((plan) => plan.status === 'active'))
    return 'payment plan running';
  if (dossier.status === 'open') return recovered > 0 ? 'partially paid, in progress' : 'in progress';
  if (dossier.status === 'judicial') {
    // The judicial stage reached (docs/legal.md §10): review, order-served, enforceable, enforcement…
    const stage = dossier.judicial?.stage ?? 'review';
    // Filed and its court file built, not yet lodged (request-filed is the creditor's event): say so.
    const filed =
      stage === 'review' && dossier.judicial?.courtFile
        ? `judicial: ${dossier.judicial.courtFile.path} file built`
        : undefined;
    const label = filed ?? (stage === 'review' ? 'judicial review' : `judicial: ${stage}`);
    return recovered > 0 ? `partially paid, ${label}` : label;
  }
  return dossier.status;
}

/** Per dossier: levels reached (from its timeline) and how it ended; totals across the run. */
export async function summarise(
  repository: DossierRepository,
  tenantId: string,
  outDir: string,
): Promise<DemoSummary> {
  const dossiers = (await repository.listDossiers(tenantId)).sort((a, b) =>
    a.dossierId.localeCompare(b.dossierId),
  );
  const outcomes: DossierOutcome[] = [];
  const courtFiles: CourtFileOutcome[] = [];
  const lifecycle: LifecycleEntry[] = [];
  const legalEvents: LegalEventEntry[] = [];
  for (const dossier of dossiers) {
    const file = dossier.judicial?.courtFile;
    if (file)
      courtFiles.push({
        dossierId: dossier.dossierId,
        path: file.path,
        stage: dossier.judicial!.stage,
        builtOn: file.builtOn,
        // The embedded documents bucket is a folder of out/ (FolderBlobStore): the same keys as S3.
        files: [file.request, ...(file.bundle ? [file.bundle] : [])].map((doc) =>
          join('buckets', DOCUMENTS_BUCKET, doc.key),
        ),
      });
    const timeline = await repository.listTimeline(tenantId, dossier.dossierId);
    lifecycle.push(...lifecycleEntries(dossier, timeline));
    legalEvents.push(...legalEventEntries(dossier, timeline));
    const levels: string[] = [];
    for (const event of timeline) {
      const reached =
        (event.type === 'action-sent' || event.type === 'task-created') &&
        event.state === 'done' &&
        event.level;
      if (reached && !levels.includes(levelLabel(event.level!))) levels.push(levelLabel(event.level!));
      if (event.type === 'judicial-review-flagged' && !levels.includes('judicial-review'))
        levels.push('judicial-review');
    }
    const principal = dossier.invoices.reduce((sum, invoice) => sum + invoice.amountCents, 0);
    const recovered = dossier.invoices.reduce((sum, invoice) => sum + invoice.paidCents, 0);
    outcomes.push({
      dossierId: dossier.dossierId,
      debtorType: dossier.debtor.type === 'professional' ? 'B2B' : 'B2C',
      invoices: dossier.invoices.length,
      principalCents: principal,
      recoveredCents: recovered,
      outstandingCents: dossier.status === 'prescribed' ? 0 : dossierOutstandingCents(dossier),
      levels,
      outcome: outcomeOf(dossier, recovered),
    });
  }
  const messagesByChannel: Record<Channel, number> = { email: 0, sms: 0, letter: 0, call: 0 };
  for (const line of await readOutbox(outDir)) messagesByChannel[line.channel]++;
  const byOutcome: Record<string, number> = {};
  for (const o of outcomes) byOutcome[o.outcome] = (byOutcome[o.outcome] ?? 0) + 1;
  const sum = (pick: (o: DossierOutcome) => number) => outcomes.reduce((total, o) => total + pick(o), 0);
  return {
    dossiers: outcomes,
    courtFiles,
    paymentPlans: planCounts(dossiers),
    lifecycle: lifecycle.sort((a, b) => a.kind.localeCompare(b.kind)),
    legalEvents: legalEvents.sort((a, b) => a.kind.localeCompare(b.kind)),
    totals: {
      principalCents: sum((o) => o.principalCents),
      recoveredCents: sum((o) => o.recoveredCents),
      outstandingCents: sum((o) => o.outstandingCents),
      byOutcome,
      messagesByChannel,
    },
  };
}

const SHORT: Record<string, string> = {
  courtesy: 'courtesy',
  'reminder-1': 'R1',
  'reminder-2': 'R2',
  call: 'call',
  'formal-notice': 'MED',
  'judicial-review': 'judicial',
};

/** A terminal table: ids and amounts only (debtor names stay in the outbox documents). */
export function formatSummary(summary: DemoSummary): string {
  const eur = (cents: number) => formatEuros(cents).replace(/[\u202f\u00a0]/g, ' ');
  const rows = summary.dossiers.map((o) => [
    o.dossierId,
    o.debtorType,
    String(o.invoices),
    eur(o.principalCents),
    eur(o.recoveredCents),
    o.levels.map((level) => SHORT[level] ?? level).join(' > ') || '-',
    o.outcome,
  ]);
  const header = ['dossier', 'type', 'inv', 'principal', 'recovered', 'levels reached', 'outcome'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const right = new Set([2, 3, 4]);
  const line = (cells: string[]) =>
    cells.map((cell, i) => (right.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ');
  const t = summary.totals;
  const channels = Object.entries(t.messagesByChannel)
    .map(([channel, count]) => `${channel} ${count}`)
    .join(', ');
  const outcomes = Object.entries(t.byOutcome)
    .sort((a, b) => b[1] - a[1])
    .map(([outcome, count]) => `${outcome} ${count}`)
    .join(', ');
  // Ids, stages and file names only: the parties are inside the files.
  const court = summary.courtFiles.flatMap((c, i) => [
    `${i === 0 ? 'Court     ' : '          '} ${c.dossierId} ${c.path}, built ${c.builtOn}, stage ${c.stage}:`,
    ...c.files.map((f) => `             ${f}`),
    ...(i === summary.courtFiles.length - 1 ? [''] : []),
  ]);
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    ...court,
    `Dossiers   ${summary.dossiers.length} (${outcomes})`,
    `Principal  ${eur(t.principalCents)}`,
    `Recovered  ${eur(t.recoveredCents)} (${t.principalCents ? Math.round((100 * t.recoveredCents) / t.principalCents) : 0} %)`,
    `Outstanding ${eur(t.outstandingCents)}`,
    `Messages   ${channels}`,
    ...(summary.paymentPlans ? formatPlanCounts(summary.paymentPlans) : []),
    ...formatLifecycle(summary.lifecycle),
    ...formatLegalEvents(summary.legalEvents),
    'Levels: R1/R2 reminders, MED mise en demeure (formal notice).',
  ].join('\n');
}
