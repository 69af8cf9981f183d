import { join } from 'node:path';
import type { RootConfig } from '@synthorg/shared';
import { describe, expect, it } from 'vitest';

import { configFromTemplate } from '../../src/templates/template-config.ts';
import { renderTemplate } from '../../src/templates/template-loader.ts';
import { templateFixtureDir, templateFixtureFiles } from '../support/template-fixtures.ts';

async function load(file: string, vars = {}): Promise<RootConfig> {
  const rendered = await renderTemplate(join(templateFixtureDir(), file), vars);
  return configFromTemplate(rendered, { env: {} });
}

const summary = (config: RootConfig) => ({
  type: config.company_type,
  budget: config.config.budget_monthly,
  autonomy: config.config.autonomy.level,
  departments: config.departments.map((d) => [d.name, d.budget_percent, d.head_role]),
  agents: config.agents.map((a) => [a.role, a.level, a.model.model_id, a.department]),
});

/** What the reference says each of the original's templates describes. */
const EXPECTED: Record<string, { name: string; agents: number; departments: string[] }> = {
  'solo_founder.yaml': { name: 'My Company', agents: 2, departments: ['executive', 'engineering'] },
  'startup.yaml': {
    name: 'Startup Co',
    agents: 5,
    departments: ['executive', 'engineering', 'product'],
  },
  'dev_shop.yaml': {
    name: 'Dev Shop',
    agents: 8,
    departments: ['engineering', 'quality_assurance', 'operations'],
  },
  'product_team.yaml': {
    name: 'Product Co',
    agents: 10,
    departments: ['product', 'engineering', 'design', 'quality_assurance', 'data_analytics'],
  },
  'agency.yaml': {
    name: 'Creative Agency',
    agents: 12,
    departments: ['operations', 'engineering', 'design', 'quality_assurance', 'creative_marketing'],
  },
};

describe("the original's template files", () => {
  it('are all present and known to this test', () => {
    expect(templateFixtureFiles()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`${file} loads unchanged into the company the reference describes`, async () => {
      const config = await load(file);
      expect(config.company_name).toBe(expected.name);
      expect(config.agents).toHaveLength(expected.agents);
      expect(config.departments.map((d) => d.name)).toEqual(expected.departments);
      expect(config.config.autonomy.level).toBe('semi');
      expect(config.config.communication_pattern).toBe('hybrid');
      const names = config.agents.map((a) => a.name.toLowerCase());
      expect(new Set(names).size).toBe(names.length);
      for (const agent of config.agents) {
        expect(agent.model.provider).toBe('default');
        expect(['large', 'medium', 'small']).toContain(agent.model.model_id);
        expect(agent.personality.traits).toHaveLength(3);
      }
    });
  }

  it('solo_founder: CEO and a senior full-stack developer, $25, semi autonomy', async () => {
    expect(summary(await load('solo_founder.yaml'))).toEqual({
      type: 'solo_founder',
      budget: 25,
      autonomy: 'semi',
      departments: [
        ['executive', 40, 'CEO'],
        ['engineering', 60, 'Full-Stack Developer'],
      ],
      agents: [
        ['CEO', 'c_suite', 'large', 'executive'],
        ['Full-Stack Developer', 'senior', 'medium', 'engineering'],
      ],
    });
  });

  it('variables change the render: company name reaches the CEO name, budget is a float', async () => {
    const config = await load('startup.yaml', { company_name: 'Acme', budget: '72.5' });
    expect(config.company_name).toBe('Acme');
    expect(config.config.budget_monthly).toBe(72.5);
    expect(config.agents[0]?.name).toBe('Acme CEO');
  });

  it('names agents deterministically: two renders give the same names', async () => {
    const first = (await load('dev_shop.yaml')).agents.map((a) => a.name);
    const second = (await load('dev_shop.yaml')).agents.map((a) => a.name);
    expect(second).toEqual(first);
  });

  it('rejects a variable value of the wrong type', async () => {
    await expect(load('startup.yaml', { budget: 'lots' })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining("'lots' is not a valid float"),
    });
  });
});
