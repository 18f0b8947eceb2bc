import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '../../shared/use-cases/ports';

type Level = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * The embedded stack's logs: JSON lines in a file (the same shape CloudWatch gets), so the
 * terminal keeps the progress bar and the summary. Same rule as on AWS: ids and counts only.
 */
export class FileLogger implements Logger {
  private readonly stream: WriteStream;

  constructor(
    path: string,
    private readonly minimum: Level = 'info',
  ) {
    mkdirSync(dirname(path), { recursive: true });
    this.stream = createWriteStream(path, { flags: 'a' });
  }

  private write(level: Level, message: string, attributes?: Record<string, unknown>) {
    if (RANK[level] < RANK[this.minimum]) return;
    this.stream.write(`${JSON.stringify({ level, message, ...attributes })}\n`);
  }

  debug(message: string, attributes?: Record<string, unknown>) {
    this.write('debug', message, attributes);
  }
  info(message: string, attributes?: Record<string, unknown>) {
    this.write('info', message, attributes);
  }
  warn(message: string, attributes?: Record<string, unknown>) {
    this.write('warn', message, attributes);
  }
  error(message: string, attributes?: Record<string, unknown>) {
    this.write('error', message, attributes);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.stream.end(resolve));
  }
}
