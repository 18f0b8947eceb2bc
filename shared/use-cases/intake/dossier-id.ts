import { createHmac } from 'node:crypto';
import { type DossierIdScheme, dossierIdFor } from '../../domain/dossier';

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
 * readable DOS-<ref>. Dossiers created under one scheme stay readable by their id under the other.
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
