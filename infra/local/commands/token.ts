import { openTokenIssuer, parseTtl } from '../serve/auth';
import { dataLayout } from '../serve/data-folder';
import { parseOptions } from './options';

const USAGE = 'usage: recouvrement token <tenantId> [--ttl 8h] [--data ./data]';

/**
 * `recouvrement token`: prints a bearer token for the local API of `serve`, signed with the data
 * folder's key (created if `serve` has not run yet), as a Cognito ID token carries the tenant.
 */
export async function run(args: string[]): Promise<number> {
  const [tenantId, ...rest] = args;
  const values = parseOptions(
    rest,
    { ttl: { type: 'string', default: '8h' }, data: { type: 'string', default: './data' } },
    USAGE,
  );
  if (!values) return 2;
  const ttl = parseTtl(String(values.ttl));
  if (!tenantId || tenantId.startsWith('-') || !ttl) {
    process.stderr.write(`a tenant id and a --ttl such as 30m, 8h or 7d (at most 30d)\n${USAGE}\n`);
    return 2;
  }
  const issuer = await openTokenIssuer(dataLayout(String(values.data)).signingKey);
  try {
    process.stdout.write(`${await issuer.sign(tenantId, ttl)}\n`);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  return 0;
}
