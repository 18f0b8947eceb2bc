import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IntakeObjectOutcome } from '../../../shared/use-cases/intake/intake-object';
import type { SimulatedClock } from '../clock';
import type { EmbeddedStack } from '../embedded-stack';

/**
 * The demo's electronic invoices (README, "E-invoices"): every Factur-X PDF and UBL / CII XML of
 * the samples folder dropped in the intake bucket like a platform would drop them, then a status
 * feed from the platform on the same morning: the UBL invoice refused by its buyer (→ disputed),
 * the Factur-X one paid (Paiement transmis, then Encaissée → paid), so the run shows both paths.
 */
export const DEMO_STATUS_FEED = [
  { invoice_number: 'UBL-2025-0777', status: 210, reason: 'QUALITE' },
  { invoice_number: 'FX-2025-0501', status: 211 },
  { invoice_number: 'FX-2025-0501', status: 212 },
] as const;

export async function dropEInvoiceSamples(
  stack: EmbeddedStack,
  tenantId: string,
  folder: string,
  clock: SimulatedClock,
): Promise<IntakeObjectOutcome[]> {
  const outcomes: IntakeObjectOutcome[] = [];
  // The PDF carries its XML; the XML beside it is its source (test/support/write-e-invoice-fixtures.ts).
  const names = (await readdir(folder)).filter((name) => /\.(pdf|xml)$/i.test(name)).sort();
  const embedded = new Set(names.filter((n) => n.endsWith('.pdf')).map((n) => n.replace(/\.pdf$/i, '.xml')));
  for (const name of names.filter((n) => !embedded.has(n)))
    outcomes.push(
      ...(await stack.putIntakeObject(
        `${tenantId}/e-invoices/${name}`,
        await readFile(join(folder, name)),
        clock.at(8, 40),
      )),
    );
  const day = clock.today();
  const feed = { statuses: DEMO_STATUS_FEED.map((status) => ({ ...status, date: day })) };
  outcomes.push(
    ...(await stack.putIntakeObject(
      `${tenantId}/invoice-statuses/${day}.json`,
      `${JSON.stringify(feed, null, 2)}\n`,
      clock.at(8, 50),
    )),
  );
  return outcomes;
}
