import { DEFAULT_TEMPLATE, DEMO_TEMPLATE } from '../support/company-config.ts';
import { printLine } from '../support/output.ts';
import { layoutOf } from '../support/paths.ts';
import { fetchSetupPending } from '../support/setup-state.ts';

export interface StartedInstance {
  pid: number;
  apiUrl: string;
  dashboardUrl: string;
  dataDir: string;
  createdConfig: boolean;
  /** `--demo`: the new config was made from the demo template. */
  demo?: boolean | undefined;
}

/** What a user needs after a start: where to go, and what to do first. */
export async function printStarted(started: StartedInstance): Promise<void> {
  const layout = layoutOf(started.dataDir);
  printLine(`  Dashboard  ${started.dashboardUrl}`);
  printLine(`  API        ${started.apiUrl}/api/v1 (docs at ${started.apiUrl}/docs)`);
  printLine(`  Data dir   ${started.dataDir}`);
  printLine(`  Logs       ${layout.logFile}`);
  printLine(`  PID        ${started.pid}`);
  if (started.createdConfig) {
    const template = started.demo ? DEMO_TEMPLATE : DEFAULT_TEMPLATE;
    printLine(`  Config     ${layout.config} (new: template ${template}, scripted demo provider)`);
    printLine('             `synthorg init --force` configures a real LLM');
  }
  const pending = await fetchSetupPending(started.apiUrl);
  if (pending === true) {
    printLine(`First run: open ${started.dashboardUrl} and create the admin account.`);
  } else if (pending === null) {
    printLine(`Open ${started.dashboardUrl}; on a first run it asks you to create the admin.`);
  }
}
