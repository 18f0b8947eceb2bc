import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOutbox } from '../../infra/local/demo/summary';
import { type EmbeddedStack, startEmbeddedStack } from '../../infra/local/embedded-stack';
import { dossierIdFor } from '../../shared/domain/dossier';
import { resolveScenario } from '../../shared/domain/scenario-catalog';
import { aTenant, morningOf } from '../support/builders';
import { extractPdfPages } from '../support/pdf-text';
import { RecordingLogger } from '../support/recording-ports';

/**
 * Issue 10: one debtor with 5,000 invoices, through the real intake handler and the real
 * escalation ASL on dynalite (which refuses items over 400 KB, as DynamoDB does).
 */
const TENANT = 'big';
const DEBTOR = 'GROSSISTE-1';
const INVOICES = 5_000;
const RECEIVED = '2026-03-10T08:30:00.000Z';
const resolveLevel = (index: number) => resolveScenario('fr-b2b-default').levels[index]!.id;
/** Step Functions refuses a state input or output over 256 KB. */
const STATE_PAYLOAD_LIMIT = 256 * 1024;

const HEADER =
  'invoice_number;debtor_ref;debtor_type;debtor_name;debtor_email;debtor_phone;address_line1;postal_code;city;country;amount;currency;issue_date;due_date;nature;language';

/** One debtor, `count` invoices, amounts that vary so the stored list does not compress to nothing. */
function oneDebtorFile(count: number, prefix = 'GD-2026-'): string {
  const rows = [HEADER];
  for (let i = 1; i <= count; i++) {
    const euros = `${100 + ((i * 7919) % 90_000)},${String(i % 100).padStart(2, '0')}`;
    const due = `2026-02-${String(1 + (i % 15)).padStart(2, '0')}`;
    rows.push(
      `${prefix}${String(i).padStart(5, '0')};${DEBTOR};professional;Grossiste Dupont SAS;compta@dupont.example;;8 quai de Saône;69009;Lyon;FR;${euros};EUR;2026-01-02;${due};commercial;fr`,
    );
  }
  return `${rows.join('\n')}\n`;
}

let stack: EmbeddedStack;
let outDir: string;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'recouvrement-large-'));
  stack = await startEmbeddedStack({ outDir, logger: new RecordingLogger(), shardCount: 4 });
  await stack.repository.putTenant(aTenant(TENANT));
});

afterAll(async () => {
  await stack?.stop();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('a debtor with 5,000 invoices', () => {
  it('imports: every invoice stored in the debtor’s dossier, no reject', async () => {
    const [outcome] = await stack.putIntakeObject(
      `${TENANT}/2026-03-10/big.csv`,
      oneDebtorFile(INVOICES),
      RECEIVED,
    );

    if (outcome?.kind !== 'invoices') throw new Error(`not an invoice outcome: ${JSON.stringify(outcome)}`);
    expect(outcome.report.rejected).toEqual([]);
    expect(outcome.report).toMatchObject({ rows: INVOICES, accepted: INVOICES, dossiers: 1 });
    const dossier = await stack.repository.getDossier(TENANT, dossierIdFor(DEBTOR));
    expect(dossier?.invoices).toHaveLength(INVOICES);
    expect(dossier?.invoices[4_999]).toMatchObject({ number: 'GD-2026-05000', currency: 'EUR' });
    expect(dossier?.nextActionOn).toBeDefined();
  }, 120_000);

  it('escalates step by step up to the formal notice, with ids only between the states', async () => {
    const dossierId = dossierIdFor(DEBTOR);
    const levels: string[] = [];
    let largestPayload = 0;
    // One step per scheduled day, as the overdue sweep would run them, until the notice is sent.
    for (let step = 0; step < 8 && !levels.includes('formal-notice'); step++) {
      const before = await stack.repository.getDossier(TENANT, dossierId);
      const run = await stack.machines.escalation.trace({
        asOf: morningOf(before!.nextActionOn!),
        dossiers: [{ tenantId: TENANT, dossierId }],
      });
      expect(run.error).toBeUndefined();
      expect(run.statesEntered.at(-1)).toBe('Done');
      for (const event of run.events) {
        const state = (event as { state?: { input?: unknown; output?: unknown } }).state;
        if (!state) continue;
        const sizes = [state.input, state.output].map((value) => JSON.stringify(value ?? null).length);
        largestPayload = Math.max(largestPayload, ...sizes);
      }
      const after = await stack.repository.getDossier(TENANT, dossierId);
      if (after!.levelIndex > before!.levelIndex) levels.push(resolveLevel(after!.levelIndex));
    }

    expect(levels).toContain('formal-notice');
    // The states carry ids and the decision, never the dossier: far below Step Functions' 256 KB.
    expect(largestPayload).toBeLessThan(STATE_PAYLOAD_LIMIT / 10);
    const dossier = await stack.repository.getDossier(TENANT, dossierId);
    expect(dossier).toMatchObject({ status: 'open' });
    expect(dossier?.invoices).toHaveLength(INVOICES);
    const letters = (await readOutbox(outDir)).filter(
      (line) => line.channel === 'letter' && line.level === 'formal-notice',
    );
    expect(letters).toHaveLength(1);
    // The notice itemises the first invoices and totals the rest: pages, not a 279-page phone book.
    const pages = await extractPdfPages(await readFile(join(outDir, letters[0]!.file)));
    expect(pages.length).toBeLessThanOrEqual(4);
    // Narrow table cells wrap: compare the text without its spaces.
    const text = pages.join('').replace(/\s+/g, '');
    expect(text.match(/GD-2026-/g)).toHaveLength(19);
    expect(text).toContain('+4981factures');
    expect(text).toContain('Ledétailfactureparfacturevousseracommuniquésursimpledemande');
    const timeline = await stack.repository.listTimeline(TENANT, dossierId);
    const notice = timeline.find((event) => event.level === 'formal-notice' && event.channel === 'letter');
    expect(notice).toMatchObject({ type: 'action-sent', state: 'done' });
    expect(notice?.invoiceNumbers).toHaveLength(INVOICES);
  }, 180_000);
});
