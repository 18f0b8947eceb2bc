import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../infra/local/commands/preview';
import { extractPdfText, flatText } from '../support/pdf-text';

const ROOT = join(import.meta.dirname, '..', '..');
let out: string;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'recouvrement-preview-test-'));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

async function preview(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(
    [
      ...args,
      '--invoices',
      join(ROOT, 'samples', 'invoices.csv'),
      '--tenant',
      join(ROOT, 'samples', 'tenant.json'),
      '--out',
      out,
    ],
    { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } },
  );
  return { code, stdout, stderr };
}

describe('recouvrement preview', () => {
  it('writes the formal notice PDF of a sample dossier: deadline from receipt', async () => {
    const { code, stdout } = await preview(['formal-notice', '--dossier', 'C101']);
    expect(code).toBe(0);
    const file = /PDF: (\S+\.pdf)/.exec(stdout)![1]!;
    const text = flatText(await extractPdfText(new Uint8Array(await readFile(file))));
    expect(text).toContain('MISE EN DEMEURE');
    expect(text).toContain('FA-2025-1004');
    expect(text).toContain('dans un délai de 8 jours à compter de la réception de la présente');
    expect(stdout).toContain('Extracted text:');
  });

  it('prints the SMS with its segment count, and the e-mail in English', async () => {
    const sms = await preview(['reminder-2', '--dossier', 'DOS-C101', '--channel', 'sms']);
    expect(sms.stdout).toMatch(/STOP SMS au 36111\n\n\(\d+ characters, 1 GSM-7 segment\(s\)\)/);
    const email = await preview(['reminder-1', '--dossier', 'C101', '--lang', 'en']);
    expect(email.stdout).toContain('Subject: Unpaid invoice(s)');
    expect(email.stdout).toContain('--- HTML ---\n<!doctype html><html lang="en">');
  });

  it('says which levels exist when asked for an unknown one', async () => {
    const { code, stderr } = await preview(['reminder-9', '--dossier', 'C101']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/no level reminder-9 .*formal-notice.*statement/);
  });
});
