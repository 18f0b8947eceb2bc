import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { LegalDataMissingError, ValidationError } from '../../../shared/domain/errors';
import { parseClaimInput } from '../../../shared/domain/legal/claim-input';
import { claimStatement } from '../../../shared/domain/legal/claim-statement';
import { DEFAULT_RATES, parseRateTable } from '../../../shared/domain/legal/rates';

const USAGE = `usage: recouvrement claim <file.json | -> [--rates rates.json] [--compact]
  prints what the claim is worth on "asOf": principal, interest, indemnity, prescription, procedure
  exit 0 ok · 2 invalid input (the message names the field) · 3 a rate is missing from the data file`;

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
  let values: { rates?: string; compact?: boolean };
  try {
    ({ positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: { rates: { type: 'string' }, compact: { type: 'boolean', default: false } },
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
    const table = values.rates
      ? parseRateTable(parseJson(await readFile(values.rates, 'utf8'), 'rates'))
      : DEFAULT_RATES;
    const statement = claimStatement(input, table);
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
