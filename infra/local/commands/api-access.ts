import { type ApiGet, httpApi } from '../report/report-source';
import { openTokenIssuer } from '../serve/auth';
import { dataLayout } from '../serve/data-folder';
import { type OptionValues, parseOptions } from './options';

/** The options `kpis` and `report` share to reach the API of a running `serve`. */
export const API_OPTIONS = {
  tenant: { type: 'string' },
  url: { type: 'string', default: 'http://127.0.0.1:3000' },
  data: { type: 'string', default: './data' },
  token: { type: 'string' },
} as const;

/**
 * The API of `serve` at --url, as the tenant: with --token, or a short-lived token signed with the
 * data folder's key (what `recouvrement token` prints). Against AWS: --url of the API and --token.
 */
export async function apiAccess(values: Record<string, string | boolean | undefined>): Promise<ApiGet> {
  const token =
    typeof values.token === 'string'
      ? values.token
      : await (await openTokenIssuer(dataLayout(String(values.data)).signingKey)).sign(
          String(values.tenant),
          '10m',
        );
  return httpApi(String(values.url), token);
}

/**
 * Parses the options of a command that reads the API over a period (`kpis`, `report`): the
 * access options, --from / --to, and the command's own. Undefined (exit 2) on a bad option or
 * without --tenant, the usage printed on stderr.
 */
export function parseApiOptions(
  args: string[],
  own: NonNullable<Parameters<typeof parseOptions>[1]>,
  usage: string,
): OptionValues | undefined {
  const values = parseOptions(
    args,
    { ...API_OPTIONS, from: { type: 'string' }, to: { type: 'string' }, ...own },
    usage,
  );
  if (!values) return undefined;
  if (typeof values.tenant !== 'string' || values.tenant === '') {
    process.stderr.write(`--tenant is required\n${usage}\n`);
    return undefined;
  }
  return values;
}
