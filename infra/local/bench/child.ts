import { spawn } from 'node:child_process';
import { join } from 'node:path';

const RUNNER = join(import.meta.dirname, 'runner.ts');

export interface ChildMeasurement<T> {
  result: T;
  peakRssMb: number;
  wallSeconds: number;
}

/** Runs one measurement in a fresh node process (tsx loader, polyfills) and reads its result line. */
export function measureInChild<T>(name: string, options: object): Promise<ChildMeasurement<T>> {
  return new Promise((resolve, reject) => {
    const began = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, name, JSON.stringify(options)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      if (code !== 0 || !line) {
        reject(new Error(`measurement ${name} failed (exit ${code}): ${stderr.trim().slice(-2000)}`));
        return;
      }
      const parsed = JSON.parse(line.slice('BENCH_RESULT '.length)) as { result: T; peakRssMb: number };
      resolve({ ...parsed, wallSeconds: (performance.now() - began) / 1000 });
    });
  });
}
