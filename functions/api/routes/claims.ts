import { json } from '../../../shared/adapters/http/problem';
import { LegalDataMissingError, UnprocessableError } from '../../../shared/domain/errors';
import { parseClaimInput } from '../../../shared/domain/legal/claim-input';
import { claimStatement } from '../../../shared/domain/legal/claim-statement';
import { DEFAULT_RATES } from '../../../shared/domain/legal/rates';
import { body, type Route } from '../request';

/**
 * `POST /claims/quote`: the `recouvrement claim` calculator over HTTP, same input schema
 * (claim-input.ts), same statement, with the deployment's rate table (packaged + operators'
 * half-years). Nothing is stored: a quote, not a dossier.
 */
export const postClaimQuote: Route = async (deps, _tenantId, event) => {
  const input = parseClaimInput(body(event));
  const table = deps.rates ? (await deps.rates.current()).table : DEFAULT_RATES;
  try {
    return json(200, claimStatement(input, table));
  } catch (error) {
    // The CLI's exit 3: legal data the engine must not guess (an indemnity, a threshold).
    if (error instanceof LegalDataMissingError) throw new UnprocessableError('legal-data', error.message);
    throw error;
  }
};
