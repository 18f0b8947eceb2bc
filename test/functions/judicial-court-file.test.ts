import { createHash } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/api/handler';
import { MessengerEnforcementHandOff } from '../../shared/adapters/enforcement-hand-off';
import type { Dossier } from '../../shared/domain/dossier';
import { answer, apiEvent } from '../support/api-events';
import { aDebtor, anInvoice, aTenant } from '../support/builders';
import { expectDocumentedAnswer } from '../support/documented-response';
import { useDynalite } from '../support/dynalite';
import { dossierDueForReview, recordJudicialReview } from '../support/judicial-review';
import { judicialSweepOn } from '../support/judicial-step';
import { pipelineOn, type TestPipeline } from '../support/recording-ports';

/**
 * From the creditor's `file` decision to the commissaire de justice (docs/legal.md §10), on
 * dynalite with the real API handler and the real sweep: the next judicial sweep builds the court
 * file, the dossier's documents list and serve it, and the enforcement hand-off names its bundle.
 */

const DECIDED = '2026-04-09T09:00:00.000Z';
const SWEPT = '2026-04-10T01:00:00.000Z';

let deps: TestPipeline;
let counter = 0;

useDynalite((dynamo) => {
  deps = pipelineOn(dynamo, { shardCount: 1 });
});

/** The API as it answers at `now`, reading the documents from the test's documents bucket. */
function apiAt(now: string) {
  return makeHandler(
    {
      ...deps,
      documentStore: { read: (key) => deps.documents.get(deps.documentsBucket, key) },
      enforcementHandOff: new MessengerEnforcementHandOff(deps.messenger, deps.senderEmail),
    },
    () => new Date(now),
  );
}

async function call(now: string, e: APIGatewayProxyEventV2WithJWTAuthorizer) {
  const result = answer(await apiAt(now)(e, {} as Context));
  expectDocumentedAnswer(e.routeKey, result.status, result.body);
  return result;
}

/** The sweep's page task, each due dossier's judicial step run by the real judicial-step.asl.json. */
const sweep = async (asOf: string) => {
  const judicial = judicialSweepOn(deps, {
    documentStore: { read: (key) => deps.documents.get(deps.documentsBucket, key) },
  });
  const page = await judicial.sweep(asOf);
  expect(judicial.stats.failed).toBe(0);
  return page;
};

/** A B2B dossier past its formal notice, reviewed on 7 April: an injonction de payer at Lyon's commercial court. */
async function reviewed(): Promise<Dossier> {
  const tenant = aTenant(`tenant-court-file-${++counter}`, { siren: '552100554' });
  const dossier = await dossierDueForReview(deps, tenant, {
    debtor: aDebtor({ siren: '732829320' }),
    invoices: [anInvoice({ amountCents: 800_000 })],
  });
  return recordJudicialReview(deps, dossier);
}

const reload = (dossier: Dossier) => deps.repository.getDossier(dossier.tenantId, dossier.dossierId);

describe('the judicial sweep builds the court file of a dossier decided `file`', () => {
  it('on the next sweep, once; the documents list and serve it; the hand-off carries the bundle key', async () => {
    const dossier = await reviewed();
    expect(dossier.judicial?.recommendation.path).toBe('injonction-de-payer');
    const decided = await call(
      DECIDED,
      apiEvent('POST /dossiers/{dossierId}/judicial-decision', {
        tenantId: dossier.tenantId,
        pathParameters: { dossierId: dossier.dossierId },
        body: { decisionId: 'dec-1', kind: 'file' },
      }),
    );
    expect(decided.status).toBe(200);
    expect((await reload(dossier))?.judicial).toMatchObject({ stage: 'review', nextCheckOn: '2026-04-09' });

    expect((await sweep(SWEPT)).processed).toBe(1);
    const filed = (await reload(dossier))!.judicial!;
    expect(filed.stage).toBe('review'); // request-filed is the creditor's court event
    expect(filed.nextCheckOn).toBeUndefined(); // off the sweep's index: nothing more to build
    const courtFile = filed.courtFile!;
    expect(courtFile).toMatchObject({ path: 'injonction-de-payer', builtOn: '2026-04-10' });
    const folder = `${dossier.tenantId}/${dossier.dossierId}/court/2026-04-10`;
    expect(courtFile.request.key).toBe(`${folder}/01-requete-injonction-de-payer.pdf`);
    expect(courtFile.bundle).toMatchObject({ key: `${folder}/bundle.zip`, contentType: 'application/zip' });
    expect((await sweep('2026-04-11T01:00:00.000Z')).processed).toBe(0);

    const listed = await call(
      SWEPT,
      apiEvent('GET /dossiers/{dossierId}/documents', {
        tenantId: dossier.tenantId,
        pathParameters: { dossierId: dossier.dossierId },
      }),
    );
    const courtDocs = (listed.body.items as { kind: string; fileName: string; contentType: string }[]).filter(
      (d) => d.kind === 'court-file',
    );
    expect(courtDocs.map((d) => [d.fileName, d.contentType])).toEqual([
      ['01-requete-injonction-de-payer.pdf', 'application/pdf'],
      ['bundle.zip', 'application/zip'],
    ]);
    const bundleDoc = (listed.body.items as { fileName: string; documentId: string; sha256: string }[]).find(
      (d) => d.fileName === 'bundle.zip',
    )!;
    expect(bundleDoc.sha256).toBe(courtFile.bundle!.sha256);
    const served = await apiAt(SWEPT)(
      apiEvent('GET /documents/{documentId}', {
        tenantId: dossier.tenantId,
        pathParameters: { documentId: bundleDoc.documentId },
      }),
      {} as Context,
    );
    expect(served).toMatchObject({ statusCode: 200, isBase64Encoded: true });
    const headers = (served as { headers: Record<string, string> }).headers;
    expect(headers['content-type']).toBe('application/zip');
    const bytes = Buffer.from((served as { body: string }).body, 'base64');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(courtFile.bundle!.sha256);
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'));
    // Another tenant's caller does not find it.
    const foreign = await apiAt(SWEPT)(
      apiEvent('GET /documents/{documentId}', {
        tenantId: 'tenant-someone-else',
        pathParameters: { documentId: bundleDoc.documentId },
      }),
      {} as Context,
    );
    expect(foreign).toMatchObject({ statusCode: 404 });

    // Through the injonction path to the commissaire de justice.
    const events = [
      ['req', 'request-filed', '2026-04-15'],
      ['ord', 'order-issued', '2026-04-24'],
      ['srv', 'order-served', '2026-05-04'],
      ['nop', 'no-opposition', '2026-06-05'],
      ['exe', 'enforceable-formula', '2026-06-12'],
    ] as const;
    for (const [eventId, kind, date] of events) {
      const posted = await call(
        `${date}T10:00:00.000Z`,
        apiEvent('POST /dossiers/{dossierId}/court-events', {
          tenantId: dossier.tenantId,
          pathParameters: { dossierId: dossier.dossierId },
          body: { eventId, kind, date },
        }),
      );
      expect([kind, posted.status]).toEqual([kind, 200]);
    }
    const mandate = await call(
      '2026-06-15T10:00:00.000Z',
      apiEvent('POST /dossiers/{dossierId}/court-events', {
        tenantId: dossier.tenantId,
        pathParameters: { dossierId: dossier.dossierId },
        body: {
          eventId: 'man',
          kind: 'enforcement-mandate',
          date: '2026-06-15',
          details: { agentName: 'SCP Huissiers Réunis', agentEmail: 'etude@commissaires.example' },
        },
      }),
    );
    expect(mandate.body).toMatchObject({ stage: 'enforcement' });
    const handOff = deps.messenger.sent
      .map((s) => s.message as { template?: string; text?: string })
      .find((m) => m.template === 'enforcement-hand-off');
    expect(handOff?.text).toContain(`Dossier de pièces : ${courtFile.bundle!.key}`);

    const logs = deps.logger.text();
    expect(logs).toContain('court file built');
    expect(logs).not.toContain(aDebtor().name);
    expect(logs).not.toContain(aDebtor().email!);
  });

  it('a file the data cannot make waits for a person: tried again the next day, the reason in the logs', async () => {
    const dossier = await reviewed();
    // The competent court cannot be told (CPC 1406): the request would lack a mention.
    const { court: _court, ...recommendation } = dossier.judicial!.recommendation;
    await deps.repository.saveDossier({
      ...dossier,
      judicial: {
        ...dossier.judicial!,
        recommendation,
        decision: { kind: 'file', decidedOn: '2026-04-09', by: 'creditor' },
        nextCheckOn: '2026-04-09',
      },
      version: dossier.version + 1,
    });
    expect((await sweep(SWEPT)).processed).toBe(1);
    const after = (await reload(dossier))!.judicial!;
    expect(after.courtFile).toBeUndefined();
    expect(after.nextCheckOn).toBe('2026-04-11');
    expect(deps.logger.text()).toMatch(/court file not built.*CPC 1406/s);
  });
});
