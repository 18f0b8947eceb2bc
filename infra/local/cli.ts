/**
 * `recouvrement <command> [args]`. Each command lives in ./commands/<name>.ts and exports
 * `run(args): Promise<number>` (the exit code), so a command is loaded only when used.
 */
const COMMANDS: Record<string, string> = {
  demo: 'run the embedded pipeline on samples/invoices.csv over simulated days',
  claim: 'compute what a claim is worth today (principal, interest, indemnity, prescription, procedure)',
  rates:
    'add a half-year of legal/ECB rates (no release needed), list the table, check the current half-year',
  bench: 'measure intake, sweep, a simulated year, Lambda bundles and memory (npm run bench)',
  preview: 'render a level on a sample dossier: e-mail text/HTML, SMS with its segments, or the letter PDF',
  cost: 'estimate the AWS bill from the units an embedded run uses (USD per 1,000 dossier-months)',
  serve: 'run the pipeline on this machine: persistent data, daily schedules, S3 endpoint, HTTP API',
  token: 'print a bearer token of a tenant for the local API of serve',
  openapi: 'print the OpenAPI 3.1 document of the client API (GET /openapi.json), or write it with --out',
  kpis: "print a tenant's KPIs over a period (GET /kpis of a running serve), or --json",
  report:
    'write one self-contained HTML report (KPIs, ageing, funnel, trend, decisions waiting) from the API',
  simulate: 'what-if: the same portfolio and debtors under several ladders, compared side by side',
  'chaos-check': 'the demo with and without injected faults (same seed): duplicates, lost actions, balances',
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || !(name in COMMANDS)) {
    const lines = Object.entries(COMMANDS).map(([command, text]) => `  ${command.padEnd(10)} ${text}`);
    process.stderr.write(`usage: recouvrement <command> [options]\n\n${lines.join('\n')}\n`);
    return name && name !== '--help' && name !== '-h' ? 2 : 0;
  }
  const command: { run: (args: string[]) => Promise<number> } = await import(`./commands/${name}.ts`);
  return command.run(args);
}
