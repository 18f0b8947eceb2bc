import { type ParseArgsConfig, parseArgs } from 'node:util';

export type OptionValues = Record<string, string | boolean | undefined>;

/**
 * Parses a command's `--options` with node:util; on a bad one, prints the reason and the usage
 * on stderr and returns undefined, so the command exits 2 (the CLI's code for bad input).
 */
export function parseOptions(
  args: string[],
  options: NonNullable<ParseArgsConfig['options']>,
  usage: string,
): OptionValues | undefined {
  try {
    return parseArgs({ args, options }).values as OptionValues;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${usage}\n`);
    return undefined;
  }
}
