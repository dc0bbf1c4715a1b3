import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_FILE_BYTES, runCli } from './run';
import { runGate } from './gate';
import { runReport, type ReportIo } from './report';
import { runInhibitRules } from './inhibitRules';
import { runBacktestCommand } from './backtest';
import { runSuggestCommand } from './suggest';
import { readFileBounded } from './readBounded';
import { CLI_VERSION } from './version';

// A reader that stops early (`burnrate rules ... | head`) is not an error of the CLI.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') {
    throw error;
  }
  process.exit(process.exitCode ?? 0);
});

/** The YAML files under a directory, at any depth, sorted; undefined for anything but a directory. */
function listYamlFiles(path: string): string[] | undefined {
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    return undefined; // reading it says why
  }
  if (!isDirectory) {
    return undefined;
  }
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.ya?ml$/i.test(name))
    .map((name) => join(path, name))
    .filter((file) => statSync(file).isFile())
    .sort();
}

const io: ReportIo = {
  readFile: (path) => readFileBounded(path, MAX_FILE_BYTES),
  listYamlFiles,
  writeFile: (path, text) => writeFileSync(path, text, 'utf8'),
  // Resolves once the stream takes more: a slow reader holds the CLI back instead of filling memory.
  stdout: (text) =>
    new Promise<void>((resolve) => (process.stdout.write(text) ? resolve() : process.stdout.once('drain', resolve))),
  stderr: (text) => process.stderr.write(text),
};
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === 'version')) {
  process.stdout.write(`burnrate ${CLI_VERSION}\n`);
} else {
  const command =
    argv[0] === 'gate'
      ? runGate
      : argv[0] === 'report'
        ? runReport
        : argv[0] === 'inhibit-rules'
          ? runInhibitRules
          : argv[0] === 'backtest'
            ? runBacktestCommand
            : argv[0] === 'suggest'
              ? runSuggestCommand
              : undefined;
  (command ? command(argv.slice(1), io) : runCli(argv, io)).then((code) => {
    process.exitCode = code;
  });
}
