import { closeSync, openSync, readFileSync, readSync, statSync, watchFile } from 'node:fs';
import { type Command, InvalidArgumentError, Option } from 'commander';

import { CliError, errnoOf } from '../support/cli-error.ts';
import { formatLine, LOG_LEVELS, type LogLevelName, passesLevel } from '../support/log-format.ts';
import { dataDirOf, dataDirOption } from '../support/options.ts';
import { layoutOf } from '../support/paths.ts';

interface LogsFlags {
  dataDir?: string;
  follow?: boolean;
  tail: number;
  level: LogLevelName;
  json?: boolean;
}

function parseTail(value: string): number {
  if (value === 'all') return Number.POSITIVE_INFINITY;
  const parsed = Number(value);
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`"${value}" is not a number or "all"`);
  return parsed;
}

function emitter(flags: LogsFlags): (line: string) => void {
  const minimum = LOG_LEVELS[flags.level];
  return (line) => {
    if (line === '' || !passesLevel(line, minimum)) return;
    process.stdout.write(`${flags.json ? line : formatLine(line)}\n`);
  };
}

function readFrom(file: string, offset: number): { text: string; end: number } {
  const size = statSync(file).size;
  const start = size < offset ? 0 : offset; // truncated or replaced: start over
  const buffer = Buffer.alloc(size - start);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, start);
  } finally {
    closeSync(fd);
  }
  return { text: buffer.toString('utf8'), end: size };
}

/** Polls the file (robust across editors, rotation and network file systems) until Ctrl-C. */
function follow(file: string, offset: number, emit: (line: string) => void): Promise<never> {
  let position = offset;
  let partial = '';
  watchFile(file, { interval: 250 }, () => {
    const { text, end } = readFrom(file, position);
    position = end;
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) emit(line);
  });
  return new Promise(() => undefined);
}

async function showLogs(flags: LogsFlags): Promise<void> {
  const file = layoutOf(dataDirOf(flags)).logFile;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') throw new CliError(`no log file yet at ${file}`);
    throw error;
  }
  const complete = text.endsWith('\n') ? text : text.slice(0, text.lastIndexOf('\n') + 1);
  const lines = complete.split('\n').slice(0, -1);
  const emit = emitter(flags);
  const shown = lines.filter((line) => passesLevel(line, LOG_LEVELS[flags.level]));
  for (const line of shown.slice(Math.max(shown.length - flags.tail, 0))) emit(line);
  if (flags.follow) await follow(file, Buffer.byteLength(complete), emit);
}

export function registerLogs(program: Command): void {
  program
    .command('logs')
    .description('print the instance log (<data dir>/logs/synthorg.log)')
    .addOption(dataDirOption())
    .option('-f, --follow', 'keep printing new lines')
    .addOption(
      new Option('--tail <n|all>', 'lines to show first').argParser(parseTail).default(100),
    )
    .addOption(
      new Option('--level <level>', 'minimum level')
        .choices(Object.keys(LOG_LEVELS))
        .default('info'),
    )
    .option('--json', 'print the raw JSON lines')
    .action(showLogs);
}
