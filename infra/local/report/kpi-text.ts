import { formatEuros } from '../../../shared/domain/money';
import type { KpiReport } from '../../../shared/use-cases/kpis/compute-kpis';
import { formatDays, formatRate } from './render-report';

/** `recouvrement kpis` without --json: the figures of GET /kpis, one per line, for a terminal. */
export function kpiText(k: KpiReport): string {
  const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');
  const rows: [string, string][] = [
    [
      'entrusted',
      `${formatEuros(k.entrusted.cents)} (${k.entrusted.invoices} invoices, ${k.entrusted.dossiers} debtors)`,
    ],
    [
      'recovered',
      `${formatEuros(k.recovered.cents)} (${k.recovered.payments} payments, ${k.recovered.paidDossiers} dossiers paid)`,
    ],
    ['recovery rate', formatRate(k.recoveryRate)],
    [
      'DSO (countback)',
      `${k.dso.complete ? '' : '≥ '}${formatDays(k.dso.days)} on ${formatEuros(k.dso.outstandingCents)} outstanding`,
    ],
    [
      'delay due → paid',
      `mean ${formatDays(k.delay.meanDays)}, median ${formatDays(k.delay.medianDays)} (${k.delay.invoices} invoices)`,
    ],
    [
      'cost of recovery',
      `${formatEuros(k.cost.totalCents)} (${formatRate(k.cost.shareOfRecovered)} of recovered)`,
    ],
    ...k.cost.byKind
      .filter((c) => c.count > 0)
      .map((c): [string, string] => [
        `  ${c.kind}`,
        `${c.count} × ${formatEuros(c.unitCents)} = ${formatEuros(c.cents)}`,
      ]),
    ['dispute rate', `${formatRate(k.disputes.rate)} (${k.disputes.count} disputes)`],
    ['delivery failures', String(k.deliveryFailures)],
    [`ageing on ${k.ageing.asOf}`, formatEuros(k.ageing.totalCents)],
    ...k.ageing.buckets.map((b): [string, string] => [
      `  ${b.bucket}`,
      `${formatEuros(b.cents)} (${b.invoices} invoices)`,
    ]),
    ['funnel (paid after)', k.funnel.map((f) => `${f.level} ${f.dossiers}`).join(', ') || '—'],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return plain(
    [
      `KPIs of ${k.tenantId}, ${k.from} → ${k.to}`,
      ...rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`),
    ].join('\n'),
  );
}
