import { json } from '../../../shared/adapters/http/problem';
import { ValidationError } from '../../../shared/domain/errors';
import type {
  DocumentEraser,
  DossierTaskList,
} from '../../../shared/use-cases/personal-data/debtor-documents';
import { erasePersonalData } from '../../../shared/use-cases/personal-data/erase-personal-data';
import { exportDebtorData } from '../../../shared/use-cases/personal-data/export-debtor-data';
import type { Route } from '../request';

/** What the personal-data routes need beyond the router's core (docs/personal-data.md). */
export interface PersonalDataApiDeps {
  /** A dossier's tasks, every status (DynamoDB on AWS and embedded alike). */
  dossierTasks?: DossierTaskList;
  /** Deletes documents: every version in the documents bucket on AWS, the files embedded. */
  documentEraser?: DocumentEraser;
}

/** The debtor's id is its dossier's id (one dossier per creditor and debtor): docs/personal-data.md. */
function debtorId(event: Parameters<Route>[2]): string {
  const id = event.pathParameters?.debtorId;
  if (!id) throw new ValidationError('debtorId', 'missing in the path');
  return id;
}

function configured<T>(dependency: T | undefined, name: string): T {
  if (!dependency) throw new Error(`${name} is not configured for this API`);
  return dependency;
}

export const PERSONAL_DATA_ROUTES: Record<string, Route> = {
  /** Everything held on the debtor (RGPD art. 15, 20), with the documents' keys and SHA-256. */
  'GET /debtors/{debtorId}/export': async (deps, tenantId, event, now) =>
    json(
      200,
      await exportDebtorData(
        { repository: deps.repository, tasks: configured(deps.dossierTasks, 'dossierTasks') },
        { tenantId, debtorId: debtorId(event), now },
      ),
    ),
  /** Erasure (RGPD art. 17): 409 while the claim is pursued or in court (art. 17(3)(e)). */
  'DELETE /debtors/{debtorId}/personal-data': async (deps, tenantId, event, now) =>
    json(
      200,
      await erasePersonalData(
        {
          repository: deps.repository,
          tasks: configured(deps.dossierTasks, 'dossierTasks'),
          documents: configured(deps.documentEraser, 'documentEraser'),
          logger: deps.logger,
        },
        { tenantId, debtorId: debtorId(event), reason: 'request', at: now },
      ),
    ),
};
