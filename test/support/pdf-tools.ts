import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The PDF as poppler and qpdf see it (apt-get install poppler-utils qpdf): a second reader
 * beside pdf.js (pdf-text.ts), and the structure check a printing house runs. Tests that use
 * them are skipped where the tools are missing (`hasPdfTools`).
 */
export const hasPdfTools = ['pdftotext', 'qpdf'].every(
  (tool) => spawnSync(tool, ['-v'], { stdio: 'ignore' }).error === undefined,
);

function withFile<T>(bytes: Uint8Array, use: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-tools-'));
  try {
    const file = join(dir, 'letter.pdf');
    writeFileSync(file, bytes);
    return use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `pdftotext` in UTF-8, pages separated by form feeds. */
export function pdftotext(bytes: Uint8Array): string {
  return withFile(bytes, (file) =>
    execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }),
  );
}

/** `qpdf --check`: exit code 0 and its report (2 is errors, 3 warnings). */
export function qpdfCheck(bytes: Uint8Array): { status: number; output: string } {
  return withFile(bytes, (file) => {
    const run = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    return { status: run.status ?? -1, output: `${run.stdout}${run.stderr}` };
  });
}
