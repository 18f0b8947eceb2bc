import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PdfLetterRenderer } from '../../../shared/adapters/pdf/pdf-letter-renderer';
import { isLocalDate, type LocalDate, parisInstant } from '../../../shared/domain/calendar';
import { dossierIdFor } from '../../../shared/domain/dossier';
import { RecouvrementError } from '../../../shared/domain/errors';
import type { Channel } from '../../../shared/domain/parties';
import type { LevelKind } from '../../../shared/domain/scenario';
import { resolveScenario } from '../../../shared/domain/scenario-catalog';
import { composeMessage } from '../../../shared/use-cases/escalation/compose-message';
import { letterText } from '../../../shared/use-cases/escalation/formal-notice';
import type { Logger } from '../../../shared/use-cases/ports';
import { startEmbeddedStack } from '../embedded-stack';

const USAGE = `usage: recouvrement preview <level> --dossier <id> [--channel email|sms|letter|call] [--lang fr|en]
                          [--day 2026-01-05] [--invoices samples/invoices.csv] [--tenant samples/tenant.json] [--out out]
  <level>: a level of the dossier's scenario (courtesy, reminder-1, reminder-2, call, formal-notice…) or "statement"
  renders the message on a dossier built from the intake file by the real intake path, as it would go out on --day`;

export interface PreviewIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** `recouvrement preview`: what a template renders for one dossier, channel and language. */
export async function run(args: string[], io: PreviewIo = process): Promise<number> {
  let positionals: string[];
  let values: Record<string, string | undefined>;
  try {
    ({ positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        dossier: { type: 'string' },
        channel: { type: 'string' },
        lang: { type: 'string' },
        day: { type: 'string', default: '2026-01-05' },
        invoices: { type: 'string', default: 'samples/invoices.csv' },
        tenant: { type: 'string', default: 'samples/tenant.json' },
        out: { type: 'string', default: 'out' },
      },
    }));
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const [levelId] = positionals;
  const { dossier: dossierArg, channel: channelArg, lang } = values;
  const day = values.day as LocalDate;
  if (
    !levelId ||
    positionals.length > 1 ||
    !dossierArg ||
    !isLocalDate(day) ||
    (lang !== undefined && lang !== 'fr' && lang !== 'en') ||
    (channelArg !== undefined && !['email', 'sms', 'letter', 'call'].includes(channelArg))
  ) {
    io.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const work = await mkdtemp(join(tmpdir(), 'recouvrement-preview-'));
  const stack = await startEmbeddedStack({ outDir: work, logger: silent });
  try {
    const tenantId = 'demo';
    await stack.putIntakeObject(
      `${tenantId}/tenant.json`,
      await readFile(String(values.tenant)),
      parisInstant(day, 8),
    );
    await stack.putIntakeObject(
      `${tenantId}/${day}/invoices.csv`,
      await readFile(String(values.invoices)),
      parisInstant(day, 8, 30),
    );
    const dossierId = dossierArg.startsWith('DOS-') ? dossierArg : dossierIdFor(dossierArg);
    const dossier = await stack.repository.getDossier(tenantId, dossierId);
    if (!dossier) {
      io.stderr.write(`no dossier ${dossierId} in ${values.invoices} (ids look like DOS-C101)\n`);
      return 2;
    }
    const tenant = await stack.repository.getTenant(tenantId);
    const scenario = resolveScenario(dossier.scenarioId, tenant);
    const level =
      levelId === 'statement'
        ? {
            id: 'statement',
            template: 'statement',
            kind: 'reminder' as LevelKind,
            channels: ['email'] as Channel[],
          }
        : scenario.levels.find((l) => l.id === levelId);
    if (!level) {
      io.stderr.write(
        `no level ${levelId} in scenario ${scenario.id}: ${[...scenario.levels.map((l) => l.id), 'statement'].join(', ')}\n`,
      );
      return 2;
    }
    const channel = (channelArg ?? level.channels[0] ?? 'letter') as Channel;
    const message = composeMessage({
      // The rates the pipeline would use: packaged + data/rates.json (docs/legal.md §2, "Rates").
      rates: (await stack.deps.rates.current()).table,
      dossier,
      tenant,
      timeline: await stack.repository.listTimeline(tenantId, dossierId),
      template: level.template,
      levelKind: level.kind,
      channel,
      day,
      ...('paymentDeadlineDays' in level && level.paymentDeadlineDays !== undefined
        ? { paymentDeadlineDays: level.paymentDeadlineDays }
        : {}),
      ...(lang ? { language: lang as 'fr' | 'en' } : {}),
    });
    const heading = `${dossierId} · ${level.id} · ${channel} · ${lang ?? dossier.debtor.language} · ${day}`;
    io.stdout.write(`${heading}\n${'-'.repeat(heading.length)}\n`);
    switch (message.channel) {
      case 'email':
        io.stdout.write(`Subject: ${message.subject}\n\n${message.text}\n\n--- HTML ---\n${message.html}\n`);
        break;
      case 'sms':
        io.stdout.write(
          `${message.text}\n\n(${message.text.length} characters, ${message.segments} GSM-7 segment(s))\n`,
        );
        break;
      case 'call':
        io.stdout.write(`call task: ${message.summary}\n`);
        break;
      case 'letter': {
        const pdf = await new PdfLetterRenderer().render(message.content);
        const folder = join(String(values.out), 'preview');
        await mkdir(folder, { recursive: true });
        const file = join(folder, `${dossierId}-${level.id}-${lang ?? dossier.debtor.language}.pdf`);
        await writeFile(file, pdf);
        io.stdout.write(
          `PDF: ${file} (${pdf.byteLength} bytes)\n\n${await pdfSummary(pdf, message.content)}\n`,
        );
        break;
      }
    }
    return 0;
  } catch (error) {
    if (error instanceof RecouvrementError) {
      io.stderr.write(`cannot render: ${error.message}\n`);
      return 3;
    }
    throw error;
  } finally {
    await stack.stop();
    await rm(work, { recursive: true, force: true });
  }
}

/** The PDF's own text (read back with unpdf when installed, else the content it was drawn from). */
async function pdfSummary(pdf: Uint8Array, content: Parameters<typeof letterText>[0]): Promise<string> {
  try {
    const { extractText, getDocumentProxy } = await import('unpdf');
    const doc = await getDocumentProxy(new Uint8Array(pdf));
    const { text } = await extractText(doc, { mergePages: true });
    return `Extracted text:\n${text.replace(/[ \t]+\n/g, '\n').trim()}`;
  } catch {
    return `Letter text:\n${letterText(content)}`;
  }
}
