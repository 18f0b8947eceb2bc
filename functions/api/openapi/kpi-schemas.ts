import * as z from 'zod';
import { AGEING_BUCKETS } from '../../../shared/domain/kpi/ageing';
import { COST_KINDS } from '../../../shared/domain/kpi/unit-costs';
import { DEFAULT_PERIOD_DAYS, MAX_PERIOD_DAYS } from '../../../shared/use-cases/kpis/compute-kpis';

const day = z.string().meta({ format: 'date', description: 'Paris calendar day, YYYY-MM-DD' });
const cents = z.number().int().meta({ description: 'integer cents (EUR)' });
const rate = z
  .number()
  .nullable()
  .meta({ description: 'a ratio (0.25 = 25 %), 4 decimals; null when its denominator is 0' });

/** `GET /kpis`' query, as documented (the route parses it with kpiQuerySchema). */
export const kpiQueryDocSchema = z.object({
  from: day
    .optional()
    .meta({ description: `first day, included; default: ${DEFAULT_PERIOD_DAYS} days before \`to\`` }),
  to: day.optional().meta({
    description: `last day, included; default: today (Paris); at most ${MAX_PERIOD_DAYS} days after \`from\``,
  }),
});

/**
 * `GET /kpis`' answer (KpiReport in shared/use-cases/kpis/compute-kpis.ts). The dashboard reads it:
 * fields are only ever added, never renamed or removed. Definitions: docs/kpis.md.
 */
export const kpiReportSchema = z
  .object({
    tenantId: z.string(),
    from: day,
    to: day,
    currency: z.literal('EUR'),
    entrusted: z.object({
      cents,
      invoices: z.number().int(),
      dossiers: z.number().int().meta({ description: 'debtors entrusted for the first time' }),
    }),
    recovered: z.object({
      cents: cents.meta({
        description: 'imputed to the debts (principal, interest, indemnities), not the credit given back',
      }),
      payments: z.number().int(),
      paidDossiers: z.number().int(),
    }),
    recoveryRate: rate.meta({ description: 'recovered.cents / entrusted.cents, both over the period' }),
    dso: z.object({
      days: z.number().nullable(),
      method: z.literal('countback'),
      outstandingCents: cents,
      complete: z.boolean().meta({ description: 'false: the history ran out, the DSO is at least `days`' }),
    }),
    delay: z.object({
      invoices: z
        .number()
        .int()
        .meta({ description: 'invoices whose principal a payment of the period finished' }),
      meanDays: z.number().nullable(),
      medianDays: z.number().nullable(),
    }),
    cost: z.object({
      totalCents: cents,
      shareOfRecovered: rate,
      byKind: z.array(
        z.object({
          kind: z.enum(COST_KINDS as [string, ...string[]]),
          count: z.number().int(),
          unitCents: cents,
          cents,
        }),
      ),
    }),
    disputes: z.object({
      count: z.number().int(),
      rate: rate.meta({ description: 'disputes / entrusted.dossiers' }),
    }),
    deliveryFailures: z.number().int(),
    ageing: z.object({
      asOf: day,
      totalCents: cents,
      buckets: z.array(z.object({ bucket: z.enum(AGEING_BUCKETS), cents, invoices: z.number().int() })),
    }),
    funnel: z.array(
      z.object({
        level: z.string().meta({
          description: 'the scenario level after which the dossiers were paid; `before`: before any action',
        }),
        dossiers: z.number().int(),
      }),
    ),
    trend: z.array(
      z.object({
        day,
        entrustedCents: cents,
        recoveredCents: cents,
        paidDossiers: z.number().int(),
        disputes: z.number().int(),
        messages: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'KpiReport', description: "A tenant's KPIs over a period (docs/kpis.md)" });
