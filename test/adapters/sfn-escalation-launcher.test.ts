import 'aws-sdk-client-mock-vitest/extend';
import {
  ExecutionAlreadyExists,
  SFNClient,
  StartExecutionCommand,
  StateMachineDoesNotExist,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  EscalationStartError,
  executionName,
  pageExecutionName,
  SfnEscalationLauncher,
} from '../../shared/adapters/aws/sfn-escalation-launcher';
import type { EscalationInput, EscalationPage } from '../../shared/use-cases/ports';

const ARN = 'arn:aws:states:eu-west-3:123456789012:stateMachine:escalation-step';
const client = new SFNClient({ region: 'eu-west-3' });
const sfn = mockClient(client);

afterEach(() => {
  sfn.reset();
});

function inputs(count: number, tenantId = 'tenant-a'): EscalationInput[] {
  return Array.from({ length: count }, (_, i) => ({
    tenantId,
    dossierId: `DOS-${String(i).padStart(4, '0')}`,
    asOf: '2026-11-23T05:00:00.000Z',
  }));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('executionName', () => {
  it('names the tenant, the dossier and the Paris day, with a hash of the exact pair', () => {
    const name = executionName({
      tenantId: 'tenant-a',
      dossierId: 'DOS-CLI-001',
      asOf: '2026-11-23T05:00:00Z',
    });
    expect(name).toMatch(/^tenant-a_DOS-CLI-001-20261123-[0-9a-f]{12}$/);
  });

  it('takes the day in Europe/Paris: 23:30 UTC on the 22nd of November is already the 23rd', () => {
    const name = executionName({ tenantId: 't', dossierId: 'D', asOf: '2026-11-22T23:30:00Z' });
    expect(name).toContain('-20261123-');
    // Summer time (UTC+2): 22:30 UTC on 30 June is 1 July in Paris.
    expect(executionName({ tenantId: 't', dossierId: 'D', asOf: '2026-06-30T22:30:00Z' })).toContain(
      '-20260701-',
    );
  });

  it('is deterministic: the same dossier and day give the same name whatever the hour', () => {
    const a = executionName({ tenantId: 't', dossierId: 'D', asOf: '2026-11-23T05:00:00Z' });
    const b = executionName({ tenantId: 't', dossierId: 'D', asOf: '2026-11-23T18:00:00Z' });
    expect(a).toBe(b);
  });

  it('keeps the same dossier id of two tenants apart (a shared name would skip one of them)', () => {
    const a = executionName({ tenantId: 'tenant-a', dossierId: 'DOS-C001', asOf: '2026-11-23T05:00:00Z' });
    const b = executionName({ tenantId: 'tenant-b', dossierId: 'DOS-C001', asOf: '2026-11-23T05:00:00Z' });
    expect(a).not.toBe(b);
  });

  it('keeps ids apart that sanitising or truncating would merge', () => {
    const at = '2026-11-23T05:00:00Z';
    expect(executionName({ tenantId: 't', dossierId: 'DOS a/b', asOf: at })).not.toBe(
      executionName({ tenantId: 't', dossierId: 'DOS_a_b', asOf: at }),
    );
    const long = 'D'.repeat(120);
    expect(executionName({ tenantId: 't', dossierId: `${long}1`, asOf: at })).not.toBe(
      executionName({ tenantId: 't', dossierId: `${long}2`, asOf: at }),
    );
  });

  it('stays within the 80 characters Step Functions accepts, in its character set', () => {
    for (const dossierId of ['D', 'x'.repeat(200), 'DOS é/ü #1?*', '🙂'.repeat(50)]) {
      const name = executionName({
        tenantId: 'tenant-with-a-long-name',
        dossierId,
        asOf: '2026-11-23T05:00:00Z',
      });
      expect(name.length).toBeLessThanOrEqual(80);
      expect(name).toMatch(/^[A-Za-z0-9_-]+$/);
    }
  });
});

/** A page of `count` dossiers of shard 3, as dispatch-due cuts them. */
function aPage(count: number, first = 0, tenantId = 'tenant-a'): EscalationPage {
  return {
    asOf: '2026-11-23T05:00:00.000Z',
    shard: 3,
    dossiers: Array.from({ length: count }, (_, i) => ({ tenantId, dossierId: `DOS-${first + i}` })),
  };
}

describe('pageExecutionName', () => {
  it('names the Paris day and the shard, with a hash of the exact ids, within 80 valid characters', () => {
    const name = pageExecutionName(aPage(50));
    expect(name).toMatch(/^page-20261123-s3-[0-9a-f]{24}$/);
    expect(name.length).toBeLessThanOrEqual(80);
    // The same page: the same name (a STANDARD machine takes a second start for "already started").
    expect(pageExecutionName(aPage(50))).toBe(name);
  });

  it('keeps two pages of the same day and shard apart, and the same ids of two tenants', () => {
    expect(pageExecutionName(aPage(50, 0))).not.toBe(pageExecutionName(aPage(50, 50)));
    expect(pageExecutionName(aPage(2, 0, 'tenant-a'))).not.toBe(pageExecutionName(aPage(2, 0, 'tenant-b')));
    // A hyphen inside an id cannot make two different splits of the same characters collide.
    const split = (a: string, b: string): EscalationPage => ({
      asOf: '2026-11-23T05:00:00.000Z',
      dossiers: [{ tenantId: a, dossierId: b }],
    });
    expect(pageExecutionName(split('t-a', 'b'))).not.toBe(pageExecutionName(split('t', 'a-b')));
  });
});

describe('SfnEscalationLauncher, pages', () => {
  it('starts one execution per page, with only the page as input', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:exec', startDate: new Date() });
    const pages = [aPage(50, 0), aPage(50, 50), aPage(7, 100)];

    await new SfnEscalationLauncher({ stateMachineArn: ARN, client }).startPages(pages);

    expect(sfn).toReceiveCommandTimes(StartExecutionCommand, 3);
    const calls = sfn.commandCalls(StartExecutionCommand).map((call) => call.args[0].input);
    expect(calls.map((call) => call.name)).toEqual(pages.map(pageExecutionName));
    expect(JSON.parse(calls[2]!.input!)).toEqual({ asOf: pages[2]!.asOf, dossiers: pages[2]!.dossiers });
  });

  it('names every dossier of a page that could not start, after starting the others', async () => {
    const pages = [aPage(2, 0), aPage(3, 10)];
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:exec', startDate: new Date() });
    sfn.on(StartExecutionCommand, { name: pageExecutionName(pages[1]!) }).rejects(new Error('boom'));

    const error = (await new SfnEscalationLauncher({ stateMachineArn: ARN, client })
      .startPages(pages)
      .catch((e: unknown) => e)) as EscalationStartError;

    expect(sfn).toReceiveCommandTimes(StartExecutionCommand, 2);
    expect(error).toBeInstanceOf(EscalationStartError);
    expect(error.failedDossierIds).toEqual(['DOS-10', 'DOS-11', 'DOS-12']);
    expect(error.message).toMatch(/^3 of 5 escalation starts failed/);
  });
});

describe('SfnEscalationLauncher', () => {
  it('starts one execution per dossier with its deterministic name and only the step input', async () => {
    // Prepare
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:exec', startDate: new Date() });
    const launcher = new SfnEscalationLauncher({ stateMachineArn: ARN, client });
    const input = { tenantId: 'tenant-a', dossierId: 'DOS-CLI-001', asOf: '2026-11-23T05:00:00.000Z' };

    // Act
    await launcher.start([{ ...input, extra: 'not for the machine' } as EscalationInput]);

    // Assess
    expect(sfn).toReceiveCommandTimes(StartExecutionCommand, 1);
    expect(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input).toEqual({
      stateMachineArn: ARN,
      name: executionName(input),
      input: JSON.stringify(input),
    });
  });

  it('starts every dossier of a page', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:exec', startDate: new Date() });
    const page = inputs(57);

    await new SfnEscalationLauncher({ stateMachineArn: ARN, client, concurrency: 5 }).start(page);

    const names = sfn.commandCalls(StartExecutionCommand).map((call) => call.args[0].input.name);
    expect(names).toHaveLength(57);
    expect(new Set(names)).toEqual(new Set(page.map(executionName)));
  });

  it('does nothing for an empty page', async () => {
    await new SfnEscalationLauncher({ stateMachineArn: ARN, client }).start([]);
    expect(sfn).not.toReceiveCommand(StartExecutionCommand);
  });

  it.each([
    [3, 10, 3],
    [20, 50, 20],
    [1, 4, 1],
    [8, 3, 3],
  ])('keeps at most %i starts in flight (%i dossiers → peak %i)', async (concurrency, count, peak) => {
    let inFlight = 0;
    let max = 0;
    sfn.on(StartExecutionCommand).callsFake(async () => {
      inFlight += 1;
      max = Math.max(max, inFlight);
      await sleep(5);
      inFlight -= 1;
      return { executionArn: 'arn:exec', startDate: new Date() };
    });

    await new SfnEscalationLauncher({ stateMachineArn: ARN, client, concurrency }).start(inputs(count));

    expect(max).toBe(peak);
    expect(sfn).toReceiveCommandTimes(StartExecutionCommand, count);
  });

  it('takes ExecutionAlreadyExists for success: that step was started before (re-run sweep)', async () => {
    sfn
      .on(StartExecutionCommand)
      .rejects(new ExecutionAlreadyExists({ message: 'Execution Already Exists', $metadata: {} }));

    await expect(
      new SfnEscalationLauncher({ stateMachineArn: ARN, client }).start(inputs(3)),
    ).resolves.toBeUndefined();
    expect(sfn).toReceiveCommandTimes(StartExecutionCommand, 3);
  });

  it('starts the others when some fail, then reports the failed dossiers together', async () => {
    // Prepare
    const page = inputs(6);
    const cause = new Error('ThrottlingException: Rate exceeded');
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:exec', startDate: new Date() });
    sfn.on(StartExecutionCommand, { name: executionName(page[1]!) }).rejects(cause);
    sfn
      .on(StartExecutionCommand, { name: executionName(page[4]!) })
      .rejects(new StateMachineDoesNotExist({ message: 'no such machine', $metadata: {} }));

    // Act
    const error = await new SfnEscalationLauncher({ stateMachineArn: ARN, client, concurrency: 2 })
      .start(page)
      .catch((e: unknown) => e);

    // Assess
    expect(sfn).toReceiveCommandTimes(StartExecutionCommand, 6);
    expect(error).toBeInstanceOf(EscalationStartError);
    const startError = error as EscalationStartError;
    expect([...startError.failedDossierIds].sort()).toEqual(['DOS-0001', 'DOS-0004']);
    expect(startError.message).toMatch(/^2 of 6 escalation starts failed: /);
    expect(startError.cause).toBe(cause);
  });

  it('shortens the failure message past 50 dossiers', async () => {
    sfn.on(StartExecutionCommand).rejects(new Error('boom'));

    const error = (await new SfnEscalationLauncher({ stateMachineArn: ARN, client })
      .start(inputs(60))
      .catch((e: unknown) => e)) as EscalationStartError;

    expect(error.failedDossierIds).toHaveLength(60);
    expect(error.message).toContain('and 10 more');
  });

  it('retries throttling through the SDK: 8 attempts, standard mode, by default', async () => {
    const launcher = new SfnEscalationLauncher({ stateMachineArn: ARN });
    expect(await launcher.client.config.maxAttempts()).toBe(8);
    const retryMode: unknown = launcher.client.config.retryMode;
    expect(typeof retryMode === 'function' ? await retryMode() : retryMode).toBe('standard');
    const custom = new SfnEscalationLauncher({ stateMachineArn: ARN, maxAttempts: 3 });
    expect(await custom.client.config.maxAttempts()).toBe(3);
  });
});
