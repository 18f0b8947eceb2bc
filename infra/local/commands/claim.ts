import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  DEFAULT_DATA_DIR,
  loadRateOverrides,
  rateOverridesPath,
} from '../../../shared/adapters/local/rate-overrides-file';
import { LegalDataMissingError, ValidationError } from '../../../shared/domain/errors';
import { parseClaimInput } from '../../../shared/domain/legal/claim-input';
import { claimStatement } from '../../../shared/domain/legal/claim-statement';
import { applyRateOverrides } from '../../../shared/domain/legal/rate-overrides';
import { DEFAULT_RATES, parseRateTable } from '../../../shared/domain/legal/rates';

const USAGE = `usage: recouvrement claim <file.json | -> [--rates rates.json] [--data data] [--compact]
  prints what the claim is worth on "asOf": principal, interest, indemnity, prescription, procedure
  rates: the packaged table (or --rates) with the half-years added in <data>/rates.json on top;
  a half-year not published yet stops interest the day before it (interestComputedThrough,
  missingRatePeriods), the claim is still computed
  exit 0 ok · 2 invalid input (the message names the field) · 3 other legal data missing (indemnity, threshold)`;

export interface ClaimIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  readStdin: () => Promise<string>;
}

const processIo: ClaimIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

/** `recouvrement claim <file.json>`: the claim calculator of issue 3 (docs/legal.md). */
export async function run(args: string[], io: ClaimIo = processIo): Promise<number> {
  let positionals: string[];
  let values: { rates?: string; data?: string; compact?: boolean };
  try {
    ({ positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        rates: { type: 'string' },
        data: { type: 'string', default: DEFAULT_DATA_DIR },
        compact: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const [source] = positionals;
  if (!source || positionals.length > 1) {
    io.stderr.write(`${USAGE}\n`);
    return 2;
  }
  try {
    const text = source === '-' ? await io.readStdin() : await readFile(source, 'utf8');
    const input = parseClaimInput(parseJson(text, 'input'));
    const packaged = values.rates
      ? parseRateTable(parseJson(await readFile(values.rates, 'utf8'), 'rates'))
      : DEFAULT_RATES;
    const overrides = await loadRateOverrides(rateOverridesPath(values.data)).catch((error: Error) => {
      throw new ValidationError(rateOverridesPath(values.data), error.message);
    });
    const statement = claimStatement(input, applyRateOverrides(packaged, overrides).table);
    io.stdout.write(`${JSON.stringify(statement, null, values.compact ? undefined : 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ValidationError) {
      io.stderr.write(`invalid claim: ${error.message}\n`);
      return 2;
    }
    if (error instanceof LegalDataMissingError) {
      io.stderr.write(`missing legal data: ${error.message}\n`);
      return 3;
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      io.stderr.write(`cannot read ${(error as NodeJS.ErrnoException).path ?? source}\n`);
      return 2;
    }
    throw error;
  }
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ValidationError(what, `not valid JSON (${(error as Error).message})`);
  }
}
