import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { confirm, isCancel } from '@clack/prompts';
import { type Command, Option } from 'commander';

import { CliError } from '../support/cli-error.ts';
import { readCliSettings, writeCliSettings } from '../support/cli-settings.ts';
import {
  DEFAULT_COMPANY_NAME,
  DEFAULT_TEMPLATE,
  type ProviderChoice,
  renderCompanyConfig,
  writeCompanyConfig,
} from '../support/company-config.ts';
import { ensureWritableDataDir } from '../support/data-dir.ts';
import { isRecordLive, readInstanceRecord } from '../support/instance-lock.ts';
import { apiPortOption, dataDirOf, dataDirOption, webPortOption } from '../support/options.ts';
import { printLine } from '../support/output.ts';
import { layoutOf } from '../support/paths.ts';

export interface InitAnswers {
  dataDir: string;
  companyName: string;
  template: string;
  provider: ProviderChoice;
  apiPort: number;
  webPort: number;
}

interface InitFlags {
  dataDir?: string;
  yes?: boolean;
  force?: boolean;
  template: string;
  companyName: string;
  provider: ProviderChoice['driver'];
  baseUrl?: string;
  apiKey?: string;
  apiKeyEnv?: string;
  modelLarge?: string;
  modelMedium?: string;
  modelSmall?: string;
  apiPort?: number;
  webPort?: number;
}

function providerFromFlags(flags: InitFlags): ProviderChoice {
  if (flags.provider === 'scripted') return { driver: 'scripted' };
  const { modelLarge: large, modelMedium: medium, modelSmall: small } = flags;
  if (!large || !medium || !small) {
    throw new CliError(
      `--provider ${flags.provider} needs --model-large, --model-medium and --model-small`,
    );
  }
  const apiKey = flags.apiKeyEnv ? `\${${flags.apiKeyEnv}}` : flags.apiKey;
  return {
    driver: flags.provider,
    baseUrl: flags.baseUrl,
    apiKey,
    models: { large, medium, small },
  };
}

function answersFromFlags(flags: InitFlags): InitAnswers {
  const dataDir = dataDirOf(flags);
  const saved = readCliSettings(dataDir);
  return {
    dataDir,
    companyName: flags.companyName,
    template: flags.template,
    provider: providerFromFlags(flags),
    apiPort: flags.apiPort ?? saved.api_port ?? 8000,
    webPort: flags.webPort ?? saved.web_port ?? 3000,
  };
}

/** An existing config is replaced only with --force or an explicit yes; never silently. */
async function mayReplace(path: string, flags: InitFlags): Promise<boolean> {
  if (!existsSync(path) || flags.force) return true;
  if (flags.yes) throw new CliError(`config ${path} exists; pass --force to replace it`);
  const answer = await confirm({
    message: `${path} exists. Replace it (a .bak copy is kept)?`,
    initialValue: false,
  });
  return !isCancel(answer) && answer;
}

async function runInit(flags: InitFlags): Promise<void> {
  let answers = answersFromFlags(flags);
  if (!flags.yes) {
    if (!process.stdin.isTTY) throw new CliError('init needs a terminal; pass --yes and flags');
    const { BUILTIN_TEMPLATE_NAMES } = await import('@synthorg/server');
    const { askInitAnswers } = await import('./init-wizard.ts');
    answers = await askInitAnswers(answers, [...BUILTIN_TEMPLATE_NAMES]);
    answers.dataDir = resolve(answers.dataDir);
  }
  if (answers.apiPort === answers.webPort)
    throw new CliError('the API and dashboard ports must differ');
  const yaml = await renderCompanyConfig(answers, answers.dataDir);
  ensureWritableDataDir(answers.dataDir);
  const layout = layoutOf(answers.dataDir);
  if (!(await mayReplace(layout.config, flags))) {
    printLine('Kept the existing config; nothing was written.');
    return;
  }
  writeCompanyConfig(answers.dataDir, yaml, true);
  writeCliSettings(answers.dataDir, { api_port: answers.apiPort, web_port: answers.webPort });
  printLine(
    `Wrote ${layout.config} (template ${answers.template}, provider ${answers.provider.driver})`,
  );
  // Logins and keys live in the database, which init never touches.
  const record = readInstanceRecord(answers.dataDir);
  if (record && isRecordLive(record)) printLine('An instance is running: restart it to apply.');
  else printLine(`Next: synthorg start --data-dir ${answers.dataDir}`);
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('write the company config (interactive wizard, or --yes with flags)')
    .addOption(dataDirOption())
    .option('-y, --yes', 'no questions: take the flags and defaults')
    .option('--force', 'replace an existing company.yaml (a .bak copy is kept)')
    .option(
      '--template <name|file.yaml>',
      'built-in template name or a template file',
      DEFAULT_TEMPLATE,
    )
    .option('--company-name <name>', 'company name', DEFAULT_COMPANY_NAME)
    .addOption(
      new Option('--provider <driver>', 'LLM provider')
        .choices(['scripted', 'openai_compatible', 'openai', 'anthropic'])
        .default('scripted'),
    )
    .option('--base-url <url>', 'provider base URL')
    .option('--api-key <key>', 'provider API key (stored in company.yaml, mode 0600)')
    .option('--api-key-env <VAR>', 'store a reference to the environment variable VAR, not the key')
    .option('--model-large <id>', 'model for the large tier')
    .option('--model-medium <id>', 'model for the medium tier')
    .option('--model-small <id>', 'model for the small tier')
    .addOption(apiPortOption())
    .addOption(webPortOption())
    .action(runInit);
}
