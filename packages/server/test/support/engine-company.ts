import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';

import { configFromTemplate } from '../../src/templates/template-config.ts';
import { renderTemplate } from '../../src/templates/template-loader.ts';

/** Per-1k prices of the fake models; cost records must match usage at these prices. */
export const FAKE_PRICES = { cost_per_1k_input: 0.0005, cost_per_1k_output: 0.0015 };

export const FAKE_API_KEY = 'sk-acceptance-key-7731';

export interface CompanyOptions {
  /** Budget overlay, e.g. `{ total_monthly: 50 }`. */
  budget?: Record<string, unknown>;
  /** Agent overrides by role, merged into the rendered agents. */
  autonomy?: 'locked' | 'supervised' | 'semi' | 'full';
  /** `review_requirements` stated by every department (none when absent). */
  review?: Record<string, unknown>;
}

/**
 * Writes `<dataDir>/company.yaml`: the built-in `solo_founder` template rendered for "Demo
 * Co", with one OpenAI-compatible provider at the fake server (tiers large/medium/small) and
 * small retry delays, so the server's real bootstrap loads it and the real provider code
 * talks HTTP to the fake.
 */
export async function writeDemoCompany(
  dataDir: string,
  fakeBaseUrl: string,
  options: CompanyOptions = {},
): Promise<void> {
  const rendered = await renderTemplate('solo_founder', { company_name: 'Demo Co' });
  const config = configFromTemplate(rendered, {
    env: {},
    overlay: {
      providers: {
        local: {
          driver: 'openai_compatible',
          base_url: fakeBaseUrl,
          api_key: FAKE_API_KEY,
          models: ['large', 'medium', 'small'].map((alias) => ({
            id: `test-${alias}-001`,
            alias,
            ...FAKE_PRICES,
          })),
          retry: { max_retries: 2, base_delay: 0.001, max_delay: 1, jitter: false },
        },
      },
      budget: {
        total_monthly: 50,
        per_task_limit: 5,
        per_agent_daily_limit: 20,
        ...options.budget,
      },
      ...(options.autonomy ? { config: { autonomy: options.autonomy } } : {}),
    },
  });
  const written = options.review
    ? {
        ...config,
        departments: config.departments.map((d) => ({
          ...d,
          policies: { ...d.policies, review_requirements: options.review },
        })),
      }
    : config;
  await writeFile(join(dataDir, 'company.yaml'), stringify(written), 'utf8');
}

/** Engine settings for tests: a fast poll, so nothing waits on the production default. */
export const TEST_ENGINE = {
  enabled: true,
  pollIntervalMs: 50,
  maxConcurrentRuns: 4,
  maxRunsPerAgent: 1,
  maxTurns: 10,
};

export const DEMO_TASK = {
  title: 'Write project README',
  description:
    "Create README.md in the workspace describing a CLI tool 'todo' with sections Install, " +
    'Usage (add/list/done), License.',
  type: 'development',
  priority: 'medium',
  project: 'proj-demo',
  estimated_complexity: 'medium',
  budget_limit: 0.5,
  acceptance_criteria: [
    { description: 'README.md exists' },
    { description: 'has the three sections' },
  ],
};
