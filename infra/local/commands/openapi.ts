import { writeFile } from 'node:fs/promises';
import { openApiDocument } from '../../../functions/api/openapi/openapi-document';
import { parseOptions } from './options';

const USAGE = 'usage: recouvrement openapi [--out openapi.json]';

/**
 * `recouvrement openapi`: the OpenAPI 3.1 document of the client API, the very one
 * `GET /openapi.json` serves on AWS and under `serve` (same builder, same zod schemas), without
 * starting anything: for a client generator, a reviewer, or a pipeline that publishes the contract
 * of the version it deploys.
 */
export async function run(args: string[]): Promise<number> {
  const values = parseOptions(args, { out: { type: 'string' } }, USAGE);
  if (!values) return 2;
  const text = `${JSON.stringify(openApiDocument(), null, 2)}\n`;
  if (typeof values.out !== 'string') {
    // A reader that stops early (`| head`) is not an error of this command.
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
    process.stdout.write(text);
    return 0;
  }
  await writeFile(values.out, text);
  process.stderr.write(`OpenAPI 3.1 document written to ${values.out}\n`);
  return 0;
}
