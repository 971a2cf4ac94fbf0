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
  .addOption(new Option('--by <breakdown>', 'one row per model × suite × category').choices(['category']))
  .action(async (opts) => (await import('./results-command.js')).resultsCommand(opts));

program
  .command('runs')
  .description('list the runs in the store')
  .option('-c, --config <file>', 'ricegrade.yaml (to find the store)')
  .addOption(dbOption())
  .action(async (opts) => (await import('./runs-command.js')).runsCommand(opts));

const marketOptions = (command: Command) =>
  command
    .option('-c, --config <file>', 'ricegrade.yaml: its store, and prices of models by name')
    .addOption(dbOption())
    .option('--run <id>', 'run id (default: the latest run)')
    .option('--suite <name>', 'analyse one suite (default: all suites of the run)')
    .option('--prices <file>', 'price catalog (LiteLLM model_prices JSON) for models without a price');

marketOptions(
  program
    .command('market')
    .description('which models really differ (tiers), how interchangeable they are, the price/quality frontier, unique strengths'),
)
  .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
  .option('--ratio <in:out>', 'input:output token ratio of the blended price', '3:1')
  .option('--cluster', 'bootstrap score intervals clustered by category')
  .option('--stats', 'print CPU time and peak memory of this process at the end (stderr)')
  .action(async (opts) => (await import('./market-command.js')).marketCommand(opts));

marketOptions(
  program
    .command('compare')
    .description('two models on the same items: paired test, wins and losses by category, where they disagree')
    .argument('<a>', 'model name')
    .argument('<b>', 'model name'),
)
  .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
  .action(async (a, b, opts) => (await import('./compare-command.js')).compareCommand(a, b, opts));

marketOptions(program.command('report').description('a self-contained HTML report (or a Markdown summary) of a run'))
  .option('--out <file>', 'where to write it (Markdown goes to stdout without --out)')
  .addOption(new Option('--format <format>', 'report format').choices(['html', 'md']).default('html'))
  .option('--max-items <n>', 'items embedded in the HTML item explorer (a sample beyond that)', '2000')
  .option('--standard <file>', 'add an audit view: every model held to this standard (file or template name)')
  .action(async (opts) => (await import('./report-command.js')).reportCommand(opts));

program
  .command('serve')
  .description('a local web dashboard of the store, with a JSON API')
  .option('-c, --config <file>', 'ricegrade.yaml (to find the store and prices)')
  .addOption(dbOption())
  .option('--port <port>', 'port', '8484')
  .option('--host <host>', 'interface to bind; anything but loopback requires --token', '127.0.0.1')
  .option('--token <token>', 'require this bearer token on every request')
  .option('--prices <file>', 'price catalog (LiteLLM model_prices JSON) for models without a price')
  .action(async (opts) => (await import('./serve-command.js')).serveCommand(opts));

program
  .command('audit')
  .description('hold models to a standard: pass / fail / inconclusive per clause, with evidence; exit 0 only if all pass')
  .option('-c, --config <file>', 'ricegrade.yaml (to find the store)')
  .addOption(dbOption())
  .option('--run <id>', 'run id (default: the latest run)')
  .option('--standard <file>', 'standard YAML, or a template: general-assistant, regulated-domain, cost-capped-batch')
  .option('--model <name...>', 'audit only these models')
  .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'junit', 'md']).default('table'))
  .option('--out <file>', 'write the output to a file')
  .option('--suggest', 'for a model that does not pass, list the cheapest models of the run that do')
  .option('--verify <record>', 'check a stored audit record (from --format json): digests, verdicts, and the store if given')
  .action(async (opts) => (await import('./audit-command.js')).auditCommand(opts));

program
  .command('prices')
  .description('price catalogs')
  .command('import')
  .description('import a LiteLLM-format price file (model_prices_and_context_window.json) into the store')
  .argument('<file>', 'the price file')
  .option('-c, --config <file>', 'ricegrade.yaml (to find the store)')
  .addOption(dbOption())
  .action(async (file, opts) => (await import('./prices-command.js')).pricesImportCommand(file, opts));

program
  .command('import')
  .description('bring published model outputs into the store as an import run (mmlu-pro, alpaca-eval, lm-eval-samples, jsonl)')
  .argument('<paths...>', 'result files')
  .requiredOption('--format <format>', 'mmlu-pro | alpaca-eval | lm-eval-samples | jsonl')
  .option('--model <name>', 'model name (default: from the file or its folder)')
  .option('--suite <name>', 'suite to import into (default: the format name)')
  .option('-c, --config <file>', 'ricegrade.yaml: its store, and prices of models with the same name')
  .addOption(dbOption())
  .option('--run <id>', 'append to this run (default: the newest import run holding the suite)')
  .option('--new-run', 'start a new import run')
  .action(async (paths, opts) => (await import('./import-command.js')).importCommand(paths, opts));

program
  .command('init')
  .description('write a starter ricegrade.yaml from the servers, API keys and GGUF files this machine has')
  .option('-c, --config <file>', 'where to write', 'ricegrade.yaml')
  .option('--models-dir <dir>', 'folder to search for *.gguf files', '.')
  .option('--force', 'overwrite an existing file')
  .action(async (opts) => (await import('./init-command.js')).initCommand(opts));

program
  .command('pull')
  .description('download a GGUF model file, resumable, checksum-verified')
  .argument('<url>', 'e.g. a Hugging Face resolve/ URL')
  .option('--to <dir>', 'folder', 'models')
  .option('--sha256 <hex>', 'expected checksum')
  .action(async (url, opts) => (await import('./pull-command.js')).pullCommand(url, opts));

const suites = program
  .command('suites')
  .description('the built-in suite generators (seeded, contamination-free); `suites show NAME` prints sample items')
  .action(async () => (await import('./suites-command.js')).suitesListCommand());
suites
  .command('show')
  .description('print the items a generator makes for a seed, as JSONL')
  .argument('<name>', 'generator name')
  .option('--seed <seed>', 'seed', '1')
  .option('-n <count>', 'how many items', '5')
  .option('--difficulty <level>', '1, 2 or 3')
  .action(async (name, opts) => (await import('./suites-command.js')).suitesShowCommand(name, opts));

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
