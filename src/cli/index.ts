import { readFileSync } from 'node:fs';
import { runCli, type CliIo } from './run';
import { runGate } from './gate';

const io: CliIo = {
  readFile: (path) => readFileSync(path === '-' ? 0 : path, 'utf8'),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};
const argv = process.argv.slice(2);
if (argv[0] === 'gate') {
  runGate(argv.slice(1), io).then((code) => {
    process.exitCode = code;
  });
} else {
  process.exitCode = runCli(argv, io);
}
