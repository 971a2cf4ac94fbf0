#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import { handleFailure } from './handle-failure.js';
import { VERSION } from '../version.js';

// Commands are imported lazily, so `ricegrade --help` loads nothing heavy.
const program = new Command('ricegrade')
  .description('Evaluate LLMs on your tasks and make their differences in quality, safety and cost visible.')
  .version(VERSION)
  .option('--debug', 'show stack traces on errors')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

const dbOption = () => new Option('--db <path>', 'results store (SQLite file); default .ricegrade/ricegrade.db beside the config');

program
  .command('run')
  .description('evaluate every model of the config on every suite, then print the leaderboard')
  .requiredOption('-c, --config <file>', 'ricegrade.yaml')
  .addOption(dbOption())
  .option('--stats', 'print CPU time and peak memory of this process at the end (stderr)')
  .action(async (opts) => (await import('./run-command.js')).runCommand(opts));

program
  .command('results')
  .description('show the results of a run (the latest by default)')
  .option('-c, --config <file>', 'ricegrade.yaml (to find the store)')
  .addOption(dbOption())
  .option('--run <id>', 'run id (default: the latest run)')
  .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
  .action(async (opts) => (await import('./results-command.js')).resultsCommand(opts));

program
  .command('runs')
  .description('list the runs in the store')
  .option('-c, --config <file>', 'ricegrade.yaml (to find the store)')
  .addOption(dbOption())
  .action(async (opts) => (await import('./runs-command.js')).runsCommand(opts));

program
  .command('demo')
  .description('evaluate a small SIMULATED market served on loopback (no keys, no server needed) and print its leaderboard')
  .option('--dir <dir>', 'where to write the demo config, dataset and store', 'ricegrade-demo')
  .option('--port <port>', 'loopback port of the simulated market (0 = any free port)', '0')
  .action(async (opts) => (await import('./demo-command.js')).demoCommand(opts));

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // Commander has already printed its message; help and version are not errors.
    const ok = err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help' || err.exitCode === 0;
    process.exitCode = ok ? 0 : 2;
  } else {
    process.exitCode = handleFailure(err, Boolean(program.opts().debug) || process.argv.includes('--debug'));
  }
}
