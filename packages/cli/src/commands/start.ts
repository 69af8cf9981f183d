import { existsSync } from 'node:fs';
import { type Command, Option } from 'commander';

import { notifyParent } from '../instance/daemon-ipc.ts';
import type { InstanceOptions, RunningInstance } from '../instance/run-instance.ts';
import { spawnDaemon } from '../instance/spawn-daemon.ts';
import { CliError } from '../support/cli-error.ts';
import { resolveListeners } from '../support/cli-settings.ts';
import { clientHost } from '../support/client-host.ts';
import {
  checkCompanyConfig,
  DEFAULT_COMPANY_NAME,
  DEFAULT_TEMPLATE,
  DEMO_TEMPLATE,
  renderCompanyConfig,
  writeCompanyConfig,
} from '../support/company-config.ts';
import { ensureWritableDataDir } from '../support/data-dir.ts';
import { isRecordLive, readInstanceRecord } from '../support/instance-lock.ts';
import { rotateLogIfLarge } from '../support/log-rotation.ts';
import {
  apiPortOption,
  dataDirOf,
  dataDirOption,
  hostOption,
  parsePositiveInt,
  webPortOption,
} from '../support/options.ts';
import { startProgress } from '../support/output.ts';
import { layoutOf } from '../support/paths.ts';
import { ensurePortsFree } from '../support/port-check.ts';
import { waitForHealthy } from '../support/probe.ts';
import { printStarted } from './start-report.ts';

interface StartFlags {
  dataDir?: string;
  apiPort?: number;
  webPort?: number;
  host?: string;
  foreground?: boolean;
  demo?: boolean;
  timeout: number;
  daemonChild?: boolean;
}

function instanceOptions(flags: StartFlags): InstanceOptions {
  const dataDir = dataDirOf(flags);
  const listeners = resolveListeners(flags, dataDir);
  if (listeners.apiPort === listeners.webPort) {
    throw new CliError(`--api-port and --web-port must differ (both are ${listeners.apiPort})`);
  }
  return {
    dataDir,
    ...listeners,
    daemonChild: flags.daemonChild === true,
    // Hidden test switch: lets a test prove `doctor` names the dashboard proxy hop.
    forwardWebSocket: process.env.SYNTHORG_WEB_WS_PROXY !== 'off',
    demo: flags.demo === true,
  };
}

/** Everything that can be checked before a process is spawned, each with a one-line cause. */
async function prepareDataDir(options: InstanceOptions): Promise<boolean> {
  const { dataDir } = options;
  const record = readInstanceRecord(dataDir);
  if (record && isRecordLive(record)) {
    throw new CliError(
      `an instance is already running on data dir ${dataDir} (pid ${record.pid}); ` +
        'stop it with `synthorg stop` first',
    );
  }
  // Nothing is written before the refusals above and the port check: the data dir stays as it was.
  await ensurePortsFree(options);
  ensureWritableDataDir(dataDir);
  rotateLogIfLarge(layoutOf(dataDir).logFile);
  const created = !existsSync(layoutOf(dataDir).config);
  if (created) {
    // A first run needs no key: the scripted demo provider until `synthorg init` sets an LLM.
    const yaml = await renderCompanyConfig(
      {
        companyName: DEFAULT_COMPANY_NAME,
        template: options.demo ? DEMO_TEMPLATE : DEFAULT_TEMPLATE,
        provider: { driver: 'scripted' },
      },
      dataDir,
    );
    writeCompanyConfig(dataDir, yaml, false);
  }
  await checkCompanyConfig(dataDir);
  return created;
}

function waitForSignal(): Promise<string> {
  return new Promise((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
}

async function runForeground(flags: StartFlags): Promise<void> {
  const options = instanceOptions(flags);
  let createdConfig = false;
  if (!options.daemonChild) createdConfig = await prepareDataDir(options);
  const stopped = waitForSignal();
  // Loaded here: the server is heavy and every other command starts faster without it.
  const { startInstance } = await import('../instance/run-instance.ts');
  let instance: RunningInstance;
  try {
    instance = await startInstance(options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await notifyParent({ type: 'failed', message });
    throw error;
  }
  await notifyParent({
    type: 'ready',
    api_url: instance.apiUrl,
    dashboard_url: instance.dashboardUrl,
  });
  if (!options.daemonChild) {
    await printStarted({
      ...instance,
      pid: process.pid,
      createdConfig,
      demo: options.demo,
      dataDir: options.dataDir,
    });
  }
  await stopped;
  await instance.stop();
}

function childArgs(options: InstanceOptions): string[] {
  const args = ['start', '--foreground', '--daemon-child', '--data-dir', options.dataDir];
  args.push('--api-port', String(options.apiPort), '--web-port', String(options.webPort));
  args.push('--host', options.host);
  if (options.demo) args.push('--demo');
  return args;
}

async function runDetached(flags: StartFlags): Promise<void> {
  const options = instanceOptions(flags);
  const createdConfig = await prepareDataDir(options);
  const deadline = Date.now() + flags.timeout * 1000;
  const progress = startProgress('Starting SynthOrg…');
  try {
    const daemon = await spawnDaemon(
      childArgs(options),
      layoutOf(options.dataDir).logFile,
      flags.timeout * 1000,
    );
    progress.update('Waiting for health through the dashboard…');
    const probeUrl = `http://${clientHost(options.host)}:${options.webPort}`;
    const health = await waitForHealthy(probeUrl, Math.max(deadline - Date.now(), 1000));
    if (!health.reachable || health.health.status !== 'ok') {
      const why = health.reachable ? `status ${health.health.status}` : health.reason;
      throw new CliError(
        `started (pid ${daemon.pid}) but not healthy: ${why}; run \`synthorg doctor\``,
      );
    }
    progress.done('SynthOrg is running');
    await printStarted({ ...daemon, createdConfig, demo: options.demo, dataDir: options.dataDir });
  } catch (error) {
    progress.fail('SynthOrg did not start');
    throw error;
  }
}

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('start the API and the dashboard (detached unless --foreground)')
    .addOption(dataDirOption())
    .addOption(apiPortOption())
    .addOption(webPortOption())
    .addOption(hostOption())
    .option('--foreground', 'run in this process and log to stdout too (for service managers)')
    .option(
      '--demo',
      `a fresh data dir gets the '${DEMO_TEMPLATE}' company on the scripted demo provider ` +
        '(no LLM key); seeds a "Write project README" task an agent works on live',
    )
    .addOption(
      new Option('--timeout <seconds>', 'how long to wait for health')
        .argParser(parsePositiveInt)
        .default(90),
    )
    .addOption(new Option('--daemon-child').hideHelp())
    .action(async (flags: StartFlags) => {
      if (flags.foreground) await runForeground(flags);
      else await runDetached(flags);
    });
}
