import type { Command } from 'commander';

import { type CheckResult, fail } from '../doctor/check.ts';
import {
  type Credentials,
  checkDashboardPage,
  checkHealth,
  checkRealtime,
  type LiveTarget,
  obtainSession,
} from '../doctor/live-checks.ts';
import {
  checkConfig,
  checkDatabase,
  checkDataDir,
  checkNode,
  checkProviders,
} from '../doctor/local-checks.ts';
import { CliError } from '../support/cli-error.ts';
import { isRecordLive, readInstanceRecord } from '../support/instance-lock.ts';
import { dataDirOf, dataDirOption } from '../support/options.ts';
import { printJson, printLine } from '../support/output.ts';

interface DoctorFlags {
  dataDir?: string;
  username?: string;
  password?: string;
  json?: boolean;
}

const MARKS = { ok: '✓', warn: '!', fail: '✗', skip: '-' } as const;

function liveTarget(dataDir: string): LiveTarget | CheckResult {
  const record = readInstanceRecord(dataDir);
  if (!record || !isRecordLive(record))
    return fail('instance', 'not running on this data dir (synthorg start)');
  if (!record.api_url || !record.dashboard_url)
    return fail('instance', `pid ${record.pid} has not finished starting`);
  return {
    dataDir,
    apiUrl: record.api_url,
    dashboardUrl: record.dashboard_url.replace('://localhost:', '://127.0.0.1:'),
    dashboardOrigin: record.dashboard_url,
  };
}

/** API, dashboard, proxy, session, ticket, WebSocket: each hop only once the previous works. */
async function liveChecks(target: LiveTarget, credentials: Credentials): Promise<CheckResult[]> {
  const results = [await checkHealth('api', target.apiUrl), await checkDashboardPage(target)];
  const proxy = await checkHealth('dashboard proxy', target.dashboardUrl);
  results.push(proxy);
  if (proxy.state === 'fail') return results;
  const session = await obtainSession(target, credentials);
  results.push(session.check);
  if (!('token' in session)) return results;
  results.push(...(await checkRealtime(target, session.token)));
  return results;
}

async function runDoctor(flags: DoctorFlags): Promise<void> {
  const dataDir = dataDirOf(flags);
  const results: CheckResult[] = [
    checkNode(),
    checkDataDir(dataDir),
    await checkConfig(dataDir),
    checkDatabase(dataDir),
  ];
  results.push(...(await checkProviders(dataDir)));
  const target = liveTarget(dataDir);
  const credentials = {
    username: flags.username ?? process.env.SYNTHORG_DOCTOR_USERNAME,
    password: flags.password ?? process.env.SYNTHORG_DOCTOR_PASSWORD,
  };
  if ('state' in target) results.push(target);
  else results.push(...(await liveChecks(target, credentials)));

  const failed = results.filter((result) => result.state === 'fail');
  if (flags.json) printJson({ data_dir: dataDir, ok: failed.length === 0, checks: results });
  else
    for (const result of results)
      printLine(`${MARKS[result.state]} ${result.name.padEnd(16)} ${result.detail}`);
  if (failed.length > 0) {
    const first = failed[0];
    throw new CliError(`${failed.length} check(s) failed; first: ${first?.name}: ${first?.detail}`);
  }
}

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check node, data dir, config, database, providers and the live round trip')
    .addOption(dataDirOption())
    .option(
      '--username <name>',
      'log in as this user (default: $SYNTHORG_DOCTOR_USERNAME or the doctor token)',
    )
    .option('--password <password>', 'password for --username (default: $SYNTHORG_DOCTOR_PASSWORD)')
    .option('--json', 'machine-readable report')
    .action(runDoctor);
}
