import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

/** AWS's own DynamoDB emulator, running in memory for as long as its owner needs it. */
export interface DynamoDbLocal {
  endpoint: string;
  /** Ends the Java process this call started (and only it); safe to call twice. */
  stop(): Promise<void>;
}

export class DynamoDbLocalUnavailable extends Error {
  override name = 'DynamoDbLocalUnavailable';
}

/** The devDependency whose `emulator/` folder holds DynamoDBLocal.jar and its native libraries. */
const PACKAGE = 'amplify-dynamodb-simulator';

/**
 * The emulator's folder, found through Node's resolution so no machine path is written down.
 * A missing package is a setup error, named as such.
 */
export function dynamoDbLocalFolder(resolveFrom: string = import.meta.url): string {
  let packageJson: string;
  try {
    packageJson = createRequire(resolveFrom).resolve(`${PACKAGE}/package.json`);
  } catch {
    throw new DynamoDbLocalUnavailable(
      `DynamoDB Local needs the npm package ${PACKAGE} (a devDependency: run npm install without --omit=dev)`,
    );
  }
  const folder = join(dirname(packageJson), 'emulator');
  if (!existsSync(join(folder, 'DynamoDBLocal.jar'))) {
    throw new DynamoDbLocalUnavailable(`${PACKAGE} is installed but ${folder} holds no DynamoDBLocal.jar`);
  }
  return folder;
}

/**
 * The JVM under a small shell that ends it when our end of its stdin closes: stop() closes it,
 * and so does the death of this Node process however it dies (a crashed test, SIGKILL), so no
 * test ever leaves a Java process behind. stdin goes through fd 3 because a background job's
 * stdin is /dev/null in a non-interactive shell.
 */
const GUARD =
  'exec 3<&0; java "$@" & java=$!; { cat <&3 >/dev/null; kill "$java" 2>/dev/null; } & wait "$java"';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * DynamoDB Local in memory on a free port, once it answers ListTables. Starts in ~3 s on an idle
 * machine, much longer on a loaded one: hence the generous `readyWithinMs`.
 */
export async function startDynamoDbLocal(options: { readyWithinMs?: number } = {}): Promise<DynamoDbLocal> {
  const folder = dynamoDbLocalFolder();
  // The port is free when asked, not necessarily when Java binds it: a lost race is retried.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await startOn(folder, port, options.readyWithinMs ?? 120_000);
    } catch (error) {
      if (!(error instanceof PortTaken) || attempt === 3) throw error;
    }
  }
}

class PortTaken extends Error {}

async function startOn(folder: string, port: number, readyWithinMs: number): Promise<DynamoDbLocal> {
  const args = [
    `-Djava.library.path=${join(folder, 'DynamoDBLocal_lib')}`,
    // Shorter JIT warm-up: a test run is short-lived, start-up time is what counts.
    '-XX:TieredStopAtLevel=1',
    '-jar',
    join(folder, 'DynamoDBLocal.jar'),
    '-inMemory',
    '-disableTelemetry',
    '-port',
    String(port),
  ];
  // DynamoDB Local writes dynamodb-local-metadata.json into its working folder: a throw-away one.
  const cwd = mkdtempSync(join(tmpdir(), 'dynamodb-local-'));
  const child = spawn('sh', ['-c', GUARD, 'dynamodb-local', ...args], {
    cwd,
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  child.once('error', () => {}); // reported by the 'exit' that follows, with its code
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const kill = () => child.stdin?.destroy();
  // A synchronous last resort when this process exits without calling stop().
  process.once('exit', kill);
  const stop = async () => {
    process.removeListener('exit', kill);
    const running = child.exitCode === null && child.signalCode === null;
    // Closed even when Java already exited: the guard's reader of stdin is waiting for it.
    kill();
    if (running) await exited;
    rmSync(cwd, { recursive: true, force: true });
  };
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await untilAnswering(endpoint, child, exited, () => stderr, readyWithinMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, stop };
}

async function untilAnswering(
  endpoint: string,
  child: ChildProcess,
  exited: Promise<number | null>,
  stderr: () => string,
  readyWithinMs: number,
): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-west-3',
    credentials: { accessKeyId: 'probe', secretAccessKey: 'probe' },
    maxAttempts: 1,
  });
  let gone: number | null | undefined;
  void exited.then((code) => {
    gone = code;
  });
  const deadline = Date.now() + readyWithinMs;
  try {
    while (Date.now() < deadline) {
      if (gone !== undefined) throw exitError(gone, stderr());
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    throw new Error(
      `DynamoDB Local did not answer on ${endpoint} within ${readyWithinMs} ms (pid ${child.pid})`,
    );
  } finally {
    client.destroy();
  }
}

function exitError(code: number | null, stderr: string): Error {
  if (/java: (not found|command not found)|java: No such file/.test(stderr) || code === 127) {
    return new DynamoDbLocalUnavailable(
      'DynamoDB Local needs Java 17 or later on PATH (`java -version`); on Debian: apt-get install openjdk-17-jre-headless',
    );
  }
  if (/Address already in use|BindException/.test(stderr)) return new PortTaken(stderr);
  return new Error(`DynamoDB Local exited (code ${code}) before answering: ${stderr.trim().slice(-1_000)}`);
}
