import { type ApiGet, httpApi } from '../report/report-source';
import { openTokenIssuer } from '../serve/auth';
import { dataLayout } from '../serve/data-folder';

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
