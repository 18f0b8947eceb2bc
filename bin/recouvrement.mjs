#!/usr/bin/env node
// Entry of the `recouvrement` CLI: TypeScript sources run through tsx, no build step.
import { register } from 'tsx/esm/api';

register();
await import('../infra/local/polyfills.ts');
const { main } = await import('../infra/local/cli.ts');
process.exitCode = await main(process.argv.slice(2));
