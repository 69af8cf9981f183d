import { cancel, intro, isCancel, outro, password, select, text } from '@clack/prompts';

import { CliError } from '../support/cli-error.ts';
import type { ProviderChoice } from '../support/company-config.ts';
import type { InitAnswers } from './init.ts';

function answered<T>(value: T): Exclude<T, symbol> {
  if (isCancel(value)) {
    cancel('Nothing was written.');
    throw new CliError('init cancelled');
  }
  return value as Exclude<T, symbol>;
}

function portCheck(value: string | undefined): string | undefined {
  const port = Number(value);
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? undefined : 'a port is 1-65535';
}

async function askProvider(defaults: InitAnswers): Promise<ProviderChoice> {
  const driver = answered(
    await select({
      message: 'LLM provider',
      initialValue: defaults.provider.driver,
      options: [
        { value: 'scripted', label: 'Scripted demo', hint: 'no key, replays a demo script' },
        {
          value: 'openai_compatible',
          label: 'OpenAI-compatible',
          hint: 'Ollama, vLLM, LM Studio…',
        },
        { value: 'openai', label: 'OpenAI' },
        { value: 'anthropic', label: 'Anthropic' },
      ] as const,
    }),
  );
  if (driver === 'scripted') return { driver };
  const baseUrl = answered(
    await text({
      message: 'Base URL (empty for the provider default)',
      defaultValue: '',
      initialValue: driver === 'openai_compatible' ? 'http://127.0.0.1:11434/v1' : '',
    }),
  );
  const apiKey = answered(
    await password({ message: 'API key (stored in company.yaml, mode 0600; empty for none)' }),
  );
  const model = async (tier: string) =>
    answered(
      await text({
        message: `Model for the ${tier} tier`,
        validate: (v) => (v ? undefined : 'required'),
      }),
    );
  const models = {
    large: await model('large'),
    medium: await model('medium'),
    small: await model('small'),
  };
  return { driver, baseUrl: baseUrl || undefined, apiKey: apiKey || undefined, models };
}

/** The interactive form of `synthorg init`: the flags' values are the defaults shown. */
export async function askInitAnswers(
  defaults: InitAnswers,
  templates: string[],
): Promise<InitAnswers> {
  intro('synthorg init');
  const dataDir = answered(
    await text({ message: 'Data directory', initialValue: defaults.dataDir }),
  );
  const companyName = answered(
    await text({ message: 'Company name', initialValue: defaults.companyName }),
  );
  const template = answered(
    await select({
      message: 'Template',
      initialValue: defaults.template,
      options: templates.map((name) => ({ value: name })),
    }),
  );
  const provider = await askProvider(defaults);
  const apiPort = answered(
    await text({
      message: 'API port',
      initialValue: String(defaults.apiPort),
      validate: portCheck,
    }),
  );
  const webPort = answered(
    await text({
      message: 'Dashboard port',
      initialValue: String(defaults.webPort),
      validate: portCheck,
    }),
  );
  outro('Writing the configuration');
  return {
    ...defaults,
    dataDir,
    companyName,
    template,
    provider,
    apiPort: Number(apiPort),
    webPort: Number(webPort),
  };
}
