import { createHmac, randomBytes } from 'node:crypto';
import { type DossierIdScheme, dossierIdFor } from '../../domain/dossier';
import { ValidationError } from '../../domain/errors';

/** What decides a tenant's dossier ids: its scheme and, for `keyed`, its secret. */
export interface DossierIdSettings {
  tenantId: string;
  dossierIds?: DossierIdScheme;
  /** The tenant's secret for keyed ids (≥ 32 characters): without it, nobody can link a ref to its id. */
  dossierIdKey?: string;
}

/** 20 hex digits (80 bits): collisions stay out of reach for any tenant's number of debtors. */
const KEYED_ID_HEX = 20;

/**
 * The dossier id of a debtor (docs/personal-data.md, "Dossier ids"). `keyed`: DOS-K + HMAC-SHA256
 * of tenant and debtor ref with the tenant's secret, truncated: stable (concurrent intakes of one
 * debtor land in one dossier) and free of the ref, which may carry a name. `ref` (default): the
 * readable DOS-<ref> (profiles registered before keyed ids, or choosing `ref`). Dossiers created under one scheme stay readable by their id under the other.
 */
export function dossierIdOf(settings: DossierIdSettings, debtorRef: string): string {
  if (settings.dossierIds !== 'keyed') return dossierIdFor(debtorRef);
  const key = settings.dossierIdKey;
  if (!key || key.length < 32)
    throw new Error(
      `tenant ${settings.tenantId}: keyed dossier ids need a dossierIdKey of 32 characters or more`,
    );
  const mac = createHmac('sha256', key).update(`${settings.tenantId}\n${debtorRef}`).digest('hex');
  return `DOS-K${mac.slice(0, KEYED_ID_HEX)}`;
}

/**
 * The id scheme a tenant.json registration stores (docs/personal-data.md, "Dossier ids"): a NEW
 * tenant gets keyed ids with a generated secret unless its file asks for `ref`; a tenant already
 * registered keeps its scheme and secret when the file is silent, since a change would move its
 * known debtors' next invoices into new dossiers. A secret, once set, cannot be replaced.
 */
export function idSchemeOnRegistration(
  requested: Pick<DossierIdSettings, 'dossierIds' | 'dossierIdKey'>,
  existing: Pick<DossierIdSettings, 'dossierIds' | 'dossierIdKey'> | undefined,
): { dossierIds: DossierIdScheme; dossierIdKey?: string } {
  if (requested.dossierIdKey && existing?.dossierIdKey && requested.dossierIdKey !== existing.dossierIdKey)
    throw new ValidationError(
      'dossierIdKey',
      'cannot be replaced: every keyed dossier id derives from it (omit it to keep the one stored)',
    );
  const key = requested.dossierIdKey ?? existing?.dossierIdKey;
  const scheme = requested.dossierIds ?? (existing ? (existing.dossierIds ?? 'ref') : 'keyed');
  if (scheme === 'ref') return { dossierIds: 'ref', ...(key ? { dossierIdKey: key } : {}) };
  return { dossierIds: 'keyed', dossierIdKey: key ?? randomBytes(32).toString('base64url') };
}
