import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoResult, runDemo } from '../../infra/local/demo/run-demo';
import { readOutbox } from '../../infra/local/demo/summary';
import type { OutboxIndexLine } from '../../shared/adapters/local/outbox-messenger';
import { addDays } from '../../shared/domain/calendar';
import { parseEml } from '../support/eml';
import { extractPdfText, flatText } from '../support/pdf-text';

/**
 * The main job end to end, shortened: the sample file through the real intake path, then 75
 * simulated days of both sweeps and debtor reactions through the API. Asserts outcomes, not timings.
 */
const ROOT = join(import.meta.dirname, '..', '..');
let outDir: string;
let result: DemoResult;
let outbox: OutboxIndexLine[];

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'recouvrement-demo-'));
  result = await runDemo({
    invoicesFile: join(ROOT, 'samples', 'invoices.csv'),
    tenantFile: join(ROOT, 'samples', 'tenant.json'),
    outDir,
    start: '2026-01-05',
    days: 75,
    seed: 42,
  });
  outbox = await readOutbox(outDir);
});

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('demo (75 days on samples/invoices.csv)', () => {
  it('ingests the good rows and reports the bad ones beside the file', async () => {
    const invoices = result.intake.find((outcome) => outcome.kind === 'invoices');
    expect(invoices?.kind).toBe('invoices');
    if (invoices?.kind !== 'invoices') return;
    const lines = (await readFile(join(ROOT, 'samples', 'invoices.csv'), 'utf8')).trim().split('\n');
    expect(invoices.report.rows).toBe(lines.length - 1);
    expect(invoices.report.rejected.length).toBeGreaterThanOrEqual(5);
    expect(invoices.report.accepted + new Set(invoices.report.rejected.map((r) => r.row)).size).toBe(
      invoices.report.rows,
    );
    const rejects = await readFile(join(outDir, 'buckets', 'intake', invoices.rejectsKey!), 'utf8');
    // As French Excel opens it: a BOM (UTF-8), `;` between cells.
    expect(rejects.split('\r\n')[0]).toBe('\uFEFFline;invoice_number;field;reason');
    expect(rejects).toContain('debtor_email');
  });

  it('runs every escalation step without failure and writes the outbox files', async () => {
    expect(result.launches.failed).toBe(0);
    expect(result.launches.started).toBeGreaterThan(20);
    const channels = new Set(outbox.map((line) => line.channel));
    expect([...channels].sort()).toEqual(['call', 'email', 'letter', 'sms']);
    for (const line of outbox) {
      expect(Object.keys(line).sort()).toEqual(
        ['at', 'channel', 'debtorId', 'dossierId', 'file', 'key', 'level', 'template', 'tenantId'].sort(),
      );
    }
    expect((await readdir(join(outDir, 'email'))).some((file) => file.endsWith('.eml'))).toBe(true);
    expect((await readdir(join(outDir, 'letters'))).some((file) => file.endsWith('.pdf'))).toBe(true);
    expect(
      (await readFile(join(outDir, 'sms', 'sms.jsonl'), 'utf8')).trim().split('\n').length,
    ).toBeGreaterThan(0);
  });

  it('sends nothing to a debtor after their payment settles the dossier', async () => {
    const paid = result.summary.dossiers.filter((dossier) => dossier.outcome === 'paid');
    expect(paid.length).toBeGreaterThan(3);
    const { repositoryTimeline } = await timelines(paid.map((dossier) => dossier.dossierId));
    for (const dossier of paid) {
      const payments = repositoryTimeline[dossier.dossierId]!.filter(
        (event) => event.type === 'payment-received',
      );
      expect(payments.length, dossier.dossierId).toBeGreaterThan(0);
      const settledAt = payments
        .map((event) => event.at)
        .sort()
        .at(-1)!;
      const after = outbox.filter((line) => line.dossierId === dossier.dossierId && line.at > settledAt);
      expect(after, dossier.dossierId).toEqual([]);
    }
  });

  it('takes a non-payer to the formal notice, as a registered letter', () => {
    const notices = outbox.filter((line) => line.level === 'formal-notice');
    expect(notices.length).toBeGreaterThan(0);
    expect(notices.every((line) => line.channel === 'letter' && line.file.endsWith('.pdf'))).toBe(true);
    const reached = result.summary.dossiers.filter((dossier) => dossier.levels.includes('formal-notice'));
    expect(reached.some((dossier) => dossier.recoveredCents === 0)).toBe(true);
  });

  it('formal notice PDF: mise en demeure, every invoice with principal, penalties, indemnity, and the deadline', async () => {
    const notice = outbox.find((line) => line.level === 'formal-notice')!;
    const text = flatText(await extractPdfText(new Uint8Array(await readFile(join(outDir, notice.file)))));
    expect(text).toMatch(/MISE EN DEMEURE|FORMAL NOTICE/);
    expect(text).toMatch(/Lettre recommandée avec accusé de réception|Registered letter/);
    // The deadline runs from receipt of the letter (its date is unknown when it is posted).
    expect(text).toMatch(/à compter de la réception de la présente|from receipt of this letter/);
    expect(text).toMatch(
      /Délai de paiement : \d+ jours à compter de la réception|Payment deadline: \d+ days/,
    );
    const dossier = result.summary.dossiers.find((d) => d.dossierId === notice.dossierId)!;
    const timeline = result.timelines[notice.dossierId]!;
    const sent = timeline.find((event) => event.level === 'formal-notice' && event.type === 'action-sent')!;
    for (const number of sent.invoiceNumbers ?? []) expect(text).toContain(number);
    expect(dossier.invoices).toBeGreaterThan(0);
    // Amounts come from the legal engine: a total line with euros, and the basis of the extras.
    expect(text).toMatch(/Total( [\d {2}]+,\d{2} €){3,}/);
    expect(text).toMatch(/L441-10|1231-6/);
  });

  it('records the delivery of each formal notice and waits for its deadline from delivery', () => {
    const notices = outbox.filter((line) => line.level === 'formal-notice');
    for (const notice of notices) {
      const timeline = result.timelines[notice.dossierId]!;
      const sent = timeline.find((e) => e.type === 'action-sent' && e.level === 'formal-notice')!;
      expect(sent.trackingRef, notice.dossierId).toBeDefined();
      const delivered = timeline.find(
        (e) => e.type === 'letter-delivered' && e.trackingRef === sent.trackingRef,
      );
      if (!delivered) continue; // posted in the last days of the run
      expect(delivered.day > sent.day).toBe(true);
      const judicial = timeline.find((e) => e.type === 'judicial-review-flagged');
      // 8 days to pay from receipt, judicial review the day after at the earliest.
      if (judicial) expect(judicial.day >= addDays(delivered.day, 9), notice.dossierId).toBe(true);
    }
  });

  it('e-mails the monthly statement to the debtor who asked for it, on the first working day', () => {
    const statements = outbox.filter((line) => line.level === 'statement');
    expect(statements.length).toBeGreaterThan(0);
    for (const line of statements) {
      expect(line.channel).toBe('email');
      expect(['2026-02-02', '2026-03-02']).toContain(line.key.split('#')[2]);
    }
  });

  it('never sends a formal notice or judicial review as the first contact', () => {
    for (const dossier of result.summary.dossiers) {
      if (dossier.levels.length === 0) continue;
      expect(['formal-notice', 'judicial-review', 'call'], dossier.dossierId).not.toContain(
        dossier.levels[0],
      );
      const judicial = dossier.levels.indexOf('judicial-review');
      if (judicial >= 0)
        expect(dossier.levels.slice(0, judicial), dossier.dossierId).toContain('formal-notice');
    }
  });

  it('the disputer contests one invoice and loses: the others are pursued meanwhile, the ladder goes on after', () => {
    const entry = result.summary.lifecycle.find(
      (e) => e.kind === 'dispute' && e.detail.includes('(defective)'),
    );
    expect(entry, 'the demo disputer').toBeDefined();
    const id = entry!.dossierId;
    const timeline = result.timelines[id]!;
    const opened = timeline.find((event) => event.type === 'dispute-opened')!;
    expect(opened).toMatchObject({ source: 'api', invoiceNumbers: [expect.any(String)] });
    const resolved = timeline.find((event) => event.type === 'dispute-resolved')!;
    expect(resolved.note).toContain('rejected');
    // Meanwhile the other invoices were still claimed, and the disputed one was left out of the letter.
    const meanwhile = outbox.filter(
      (line) => line.dossierId === id && line.at > opened.at && line.at < resolved.at,
    );
    expect(meanwhile.length).toBeGreaterThan(0);
    // After the rejection the ladder went on from where it stood.
    expect(entry!.resumedWith).toBeDefined();
    expect(result.simulation.lifecycle).toMatchObject({ disputesRejected: 1, promisesMade: 1 });
  });

  it('the promiser breaks the promise: nothing goes out until its date and grace days, then one level up', () => {
    const broken = Object.values(result.timelines)
      .flat()
      .find((event) => event.type === 'promise-broken' && event.note?.includes('PR-'));
    expect(broken, 'a promise made through the API and broken').toBeDefined();
    const timeline = result.timelines[broken!.dossierId]!;
    const made = timeline.find((event) => event.type === 'promise-made')!;
    const parisDay = (at: string) => new Date(at).toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
    const lines = outbox.filter((line) => line.dossierId === broken!.dossierId);
    expect(lines.filter((line) => parisDay(line.at) > made.day && parisDay(line.at) < broken!.day)).toEqual(
      [],
    );
    expect(lines.filter((line) => parisDay(line.at) === broken!.day).map((line) => line.level)).toContain(
      broken!.level,
    );
  });

  it('agents report call outcomes: nothing goes out while a promise runs, kept ones end paid, broken ones resume the ladder', () => {
    const parisDay = (at: string) => new Date(at).toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
    const outcomes = Object.values(result.timelines).flatMap((timeline) =>
      timeline.filter((event) => event.type === 'call-outcome'),
    );
    expect(result.simulation.callOutcomes).toBe(outcomes.length);
    expect(result.simulation.apiErrors).toBe(0);
    const promises = outcomes.filter((event) => event.call?.outcome === 'promise-to-pay');
    let kept = 0;
    let broken = 0;
    for (const promise of promises) {
      const { dossierId } = promise;
      const promisedOn = promise.call!.promisedOn!;
      const during = outbox.filter(
        (line) =>
          line.dossierId === dossierId && parisDay(line.at) > promise.day && parisDay(line.at) <= promisedOn,
      );
      expect(during, `${dossierId} promised until ${promisedOn}`).toEqual([]);
      const timeline = result.timelines[dossierId]!;
      const paid = timeline.some((event) => event.type === 'dossier-paid' && event.day <= promisedOn);
      const resumed = outbox.some((line) => line.dossierId === dossierId && parisDay(line.at) > promisedOn);
      if (paid) kept++;
      if (!paid && resumed) broken++;
    }
    expect(kept, 'a promise kept: paid by the promised date').toBeGreaterThan(0);
    expect(broken, 'a promise broken: the ladder resumed after the date').toBeGreaterThan(0);
    // A wrong number closes SMS and calls for that debtor.
    for (const wrong of outcomes.filter((event) => event.call?.outcome === 'wrong-number')) {
      const after = outbox.filter(
        (line) =>
          line.dossierId === wrong.dossierId &&
          parisDay(line.at) > wrong.day &&
          (line.channel === 'sms' || line.channel === 'call'),
      );
      expect(after, wrong.dossierId).toEqual([]);
    }
  });
});

describe('demo: bank statement and acknowledgment of debt (issue 13)', () => {
  it('one debtor pays by a transfer found in a camt.053 dropped in intake, recorded once through the payment use case', async () => {
    const bank = result.simulation.bankTransfers!;
    expect(bank.recorded).toBeGreaterThanOrEqual(1);
    const reportKey = bank.reports[0]!;
    expect(reportKey).toMatch(/^demo\/statements\/camt053-\d{4}-\d{2}-\d{2}\.xml\.report\.csv$/);
    // The report as French Excel reads it: the transfer matched by its invoice numbers, the fees ignored.
    const report = (await readFile(join(outDir, 'buckets', 'intake', reportKey), 'utf8')).split('\r\n');
    const matched = report.find((line) => line.includes(';matched;'))!;
    const dossierId = matched.split(';')[6]!;
    expect(report.some((line) => line.includes(';debit;'))).toBe(true);
    expect(result.summary.dossiers.find((d) => d.dossierId === dossierId)?.outcome).toBe('paid');
    const payments = result.timelines[dossierId]!.filter((e) => e.type === 'payment-received');
    expect(payments).toHaveLength(1);
    expect(payments[0]!.eventId).toMatch(/#PAY#bank-[0-9a-f]{32}$/);
    expect(result.summary.legalEvents).toContainEqual(
      expect.objectContaining({ kind: 'bank-transfer', dossierId }),
    );
  });

  it('one debtor acknowledges the debt: its prescription date moves to a new full period from that day', () => {
    const ack = result.simulation.acknowledgment!;
    expect(ack.after! > ack.before!).toBe(true);
    const timeline = result.timelines[ack.dossierId]!;
    expect(timeline.find((e) => e.type === 'debt-acknowledged')).toMatchObject({
      day: ack.date,
      source: 'api',
    });
    // The summary shows it, from the dossier's timeline, with the engine's dates.
    expect(result.summary.legalEvents).toContainEqual({
      kind: 'acknowledgment',
      dossierId: ack.dossierId,
      date: ack.date,
      before: ack.before,
      after: ack.after,
    });
  });

  it('payment plans: three granted through the API, one broken: notice, lapse, the ladder resumes on the balance', () => {
    expect(result.simulation.paymentPlans?.granted).toBe(3);
    const plans = result.summary.paymentPlans!;
    expect(plans.lapsed).toBe(1);
    expect(plans.active + plans.completed).toBe(2);
    const [broken] = Object.entries(result.timelines).find(([, events]) =>
      events.some((e) => e.type === 'payment-plan-lapsed'),
    )!;
    const timeline = result.timelines[broken]!;
    const sent = (part: string) =>
      timeline.filter((e) => e.type === 'action-sent' && e.level?.includes(part));
    const lapse = timeline.find((e) => e.type === 'payment-plan-lapsed')!;
    expect(sent('-confirmation')).toHaveLength(1);
    // The notice before the lapse (always for a consumer), then the lapse after its 15 days.
    const notice = sent('-notice-')[0]!;
    expect(lapse.day > notice.day).toBe(true);
    // The ladder resumes the day of the lapse, on the whole balance the lapse recorded.
    const resumed = timeline.find(
      (e) =>
        (e.type === 'action-sent' || e.type === 'judicial-review-flagged') &&
        !e.level?.startsWith('plan-') &&
        e.day >= lapse.day,
    );
    expect(resumed).toMatchObject({ day: lapse.day, amountCents: lapse.amountCents });
    // Nothing of the ladder went out while the plan ran.
    const agreed = timeline.find((e) => e.type === 'payment-plan-agreed')!;
    const during = timeline.filter(
      (e) =>
        e.type === 'action-sent' && !e.level?.startsWith('plan-') && e.day > agreed.day && e.day < lapse.day,
    );
    expect(during).toEqual([]);
    expect(result.summary.dossiers.find((d) => d.dossierId === broken)?.levels).toContain('plan');
  });
});

describe('demo: delivery feedback', () => {
  it('follows a bounced e-mail with a letter for the same level, and sends nothing twice', async () => {
    const feedback = (await readFile(join(outDir, 'feedback', 'feedback.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as { at: string; kind: string; dossierId: string; level: string; key: string },
      );
    const bounces = feedback.filter((line) => line.kind === 'bounce');
    expect(bounces.length).toBeGreaterThan(0);
    for (const bounce of bounces) {
      const email = outbox.find((line) => line.key === bounce.key);
      expect(email?.channel, bounce.key).toBe('email');
      const letter = outbox.find(
        (line) =>
          line.dossierId === bounce.dossierId &&
          line.level === bounce.level &&
          line.channel === 'letter' &&
          line.at > email!.at,
      );
      expect(letter, `letter after ${bounce.key}`).toBeDefined();
      // Nothing goes to the bounced address again.
      const later = outbox.filter(
        (line) =>
          line.dossierId === bounce.dossierId &&
          line.channel === 'email' &&
          !line.level.startsWith('prescription') &&
          line.at > email!.at,
      );
      expect(later).toEqual([]);
      const timeline = result.timelines[bounce.dossierId]!;
      expect(timeline.filter((event) => event.type === 'delivery-failed').length).toBeGreaterThan(0);
    }
    expect(new Set(outbox.map((line) => line.key)).size).toBe(outbox.length);
  });

  it('takes a non-payer through the injonction de payer and a small claim to the commissaire de justice', async () => {
    const court = result.summary.courtFiles;
    const injonction = court.find((c) => c.path === 'injonction-de-payer')!;
    expect(injonction.stage).toBe('enforcement');
    const [request, bundle] = injonction.files;
    expect(request).toMatch(
      /^buckets\/documents\/demo\/DOS-\w+\/court\/[\d-]+\/01-requete-injonction-de-payer\.pdf$/,
    );
    expect(bundle).toMatch(/\/bundle\.zip$/);
    const text = flatText(await extractPdfText(new Uint8Array(await readFile(join(outDir, request!)))));
    expect(text).toContain('Requête en injonction de payer');
    expect(text).toContain('tribunal de commerce');
    expect(text).toContain('SAS Distribution Exemple');
    // The bundle as a standard zip reader opens it, each file's SHA-256 as its manifest says.
    const zip = spawnSync('python3', ['-c', ZIP_CHECK, join(outDir, bundle!)], { encoding: 'utf8' });
    if (!zip.error) {
      expect(zip.status, zip.stderr).toBe(0);
      expect(JSON.parse(zip.stdout)).toMatchObject({ bad: null, manifestMatches: true });
      expect(JSON.parse(zip.stdout).names).toContain('03-mise-en-demeure.pdf');
    }
    // The commissaire de justice's hand-off names the bundle.
    const handOff = outbox.find((line) => line.template === 'enforcement-hand-off')!;
    const eml = parseEml(await readFile(join(outDir, handOff.file), 'utf8'));
    const plain = eml.parts.find((part) => part.contentType.startsWith('text/plain'))!.text;
    expect(plain).toContain(`Dossier de pièces : ${bundle!.replace('buckets/documents/', '')}`);

    const small = court.find((c) => c.path === 'petites-creances')!;
    expect(small.files[0]).toMatch(/\/01-petites-creances-commissaire-de-justice\.pdf$/);
    for (const file of small.files)
      expect((await readFile(join(outDir, file))).byteLength).toBeGreaterThan(0);
    const invited = result.timelines[small.dossierId]!.find(
      (e) => e.type === 'court-event' && e.court?.kind === 'small-claims-invited',
    );
    expect(invited?.day).toBeDefined();
    expect(small.stage).toBe('small-claims-agreed');

    // The debtor in Germany: form A of the European order for payment (Reg. 1896/2006) as JSON.
    const european = court.find((c) => c.path === 'european-order')!;
    expect(european.files[0]).toMatch(/\/01-injonction-europeenne-formulaire-a\.json$/);
    const formA = JSON.parse(await readFile(join(outDir, european.files[0]!), 'utf8'));
    expect(formA['1-court'].country).toBe('DE');
    expect(formA['6-principal'].totalCents).toBe(916_000);
    expect(result.summary.dossiers.find((d) => d.dossierId === european.dossierId)?.outcome).toBe(
      'judicial: european-order file built',
    );
  });
});

/** Python's zipfile: testzip (every CRC), the names, and the manifest's SHA-256 against the bytes. */
const ZIP_CHECK = [
  'import hashlib, json, sys, zipfile',
  'z = zipfile.ZipFile(sys.argv[1])',
  'm = json.loads(z.read("manifest.json"))',
  'ok = all(hashlib.sha256(z.read(f["name"])).hexdigest() == f["sha256"] for f in m["files"])',
  'print(json.dumps({"bad": z.testzip(), "names": z.namelist(), "manifestMatches": ok}))',
].join('\n');

/** The demo's table lived in memory; runDemo hands the timelines back. */
async function timelines(ids: string[]) {
  const repositoryTimeline: Record<string, { type: string; at: string }[]> = {};
  for (const id of ids) repositoryTimeline[id] = result.timelines[id] ?? [];
  return { repositoryTimeline };
}
