import { readFileSync, writeFileSync } from 'node:fs';
import { runCli } from './run';
import { runGate } from './gate';
import { runReport, type ReportIo } from './report';

const io: ReportIo = {
  readFile: (path) => readFileSync(path === '-' ? 0 : path, 'utf8'),
  writeFile: (path, text) => writeFileSync(path, text, 'utf8'),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};
const argv = process.argv.slice(2);
const asynchronous = argv[0] === 'gate' ? runGate : argv[0] === 'report' ? runReport : undefined;
if (asynchronous) {
  asynchronous(argv.slice(1), io).then((code) => {
    process.exitCode = code;
  });
} else {
  process.exitCode = runCli(argv, io);
}
