import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RootConfig } from '@synthorg/shared';
import { describe, expect, it } from 'vitest';

import { configFromTemplate } from '../../src/templates/template-config.ts';
import { renderTemplate } from '../../src/templates/template-loader.ts';
import type { TemplateVars } from '../../src/templates/template-renderer.ts';
import {
  BUILTIN_TEMPLATE_NAMES,
  listTemplateSources,
} from '../../src/templates/template-source.ts';

async function load(ref: string, vars: TemplateVars = {}, dataDir?: string): Promise<RootConfig> {
  return configFromTemplate(await renderTemplate(ref, vars, { dataDir }), { env: {} });
}

const EXPECTED_COUNTS: Record<string, [agents: number, departments: number, budget: number]> = {
  solo_founder: [2, 2, 25],
  startup: [5, 3, 50],
  dev_shop: [8, 3, 75],
  product_team: [10, 5, 80],
  agency: [12, 5, 100],
  research_lab: [7, 3, 60],
  full_company: [28, 9, 200],
};

async function userTemplates(files: Record<string, string>): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'synthorg-templates-'));
  await mkdir(join(dataDir, 'templates'));
  for (const [name, text] of Object.entries(files)) {
    await writeFile(join(dataDir, 'templates', name), text);
  }
  return dataDir;
}

describe('built-in templates', () => {
  it('ships exactly the seven templates of the original', async () => {
    const keys = (await listTemplateSources()).map((s) => s.key).sort();
    expect(keys).toEqual([...BUILTIN_TEMPLATE_NAMES].sort());
  });

  for (const name of BUILTIN_TEMPLATE_NAMES) {
    it(`${name} renders into a valid company of the documented shape`, async () => {
      const config = await load(name);
      const [agents, departments, budget] = EXPECTED_COUNTS[name] ?? [0, 0, 0];
      expect(config.company_type).toBe(name);
      expect(config.agents).toHaveLength(agents);
      expect(config.departments).toHaveLength(departments);
      expect(config.config.budget_monthly).toBe(budget);
      expect(config.departments.reduce((sum, d) => sum + d.budget_percent, 0)).toBe(100);
      for (const department of config.departments) {
        const roles = config.agents.map((a) => a.role);
        expect(roles).toContain(department.head_role);
      }
    });
  }

  it('full_company: the developer head-count follows its variables', async () => {
    const config = await load('full_company', { num_backend_devs: '5', num_frontend_devs: 1 });
    const backend = config.agents.filter((a) => a.role === 'Backend Developer');
    expect(backend.map((a) => a.level)).toEqual(['senior', 'mid', 'mid', 'mid', 'mid']);
    expect(config.agents.filter((a) => a.role === 'Frontend Developer')).toHaveLength(1);
    expect(config.agents).toHaveLength(29);
  });

  it('a user template in the data dir shadows the built-in of the same name', async () => {
    const dataDir = await userTemplates({
      'startup.yaml': 'template:\n  name: Mine\n  agents:\n    - {role: CEO, name: Boss}\n',
    });
    const config = await load('startup', {}, dataDir);
    expect(config.company_name).toBe('Mine');
    expect(config.agents.map((a) => a.name)).toEqual(['Boss']);
  });

  it('extends: child overrides, appends and removes agents and replaces departments', async () => {
    const dataDir = await userTemplates({
      'lean.yaml': `template:
  name: Lean Startup
  extends: startup
  company:
    budget_monthly: 30
  departments:
    - {name: product, budget_percent: 10, head_role: Product Manager}
  agents:
    - {role: Full-Stack Developer, merge_id: fullstack-mid, department: engineering, _remove: true}
    - {role: CTO, department: executive, level: vp, model: large}
    - {role: QA Engineer, department: engineering, name: Quinn}
`,
    });
    const config = await load('lean', { company_name: 'Lean' }, dataDir);
    expect(config.company_name).toBe('Lean');
    expect(config.company_type).toBe('startup');
    expect(config.config.budget_monthly).toBe(30);
    expect(config.departments.find((d) => d.name === 'product')?.budget_percent).toBe(10);
    expect(config.agents.map((a) => [a.role, a.level])).toEqual([
      ['CEO', 'c_suite'],
      ['CTO', 'vp'],
      ['Full-Stack Developer', 'senior'],
      ['Product Manager', 'senior'],
      ['QA Engineer', 'mid'],
    ]);
    expect(config.agents[0]?.name).toBe('Lean CEO');
  });

  it('extends: a cycle is an error that names the chain', async () => {
    const dataDir = await userTemplates({
      'a.yaml': 'template:\n  name: A\n  extends: b\n',
      'b.yaml': 'template:\n  name: B\n  extends: a\n',
    });
    await expect(load('a', {}, dataDir)).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining('a -> b -> a forms a cycle'),
    });
  });

  it('a broken template names its file and line', async () => {
    const dataDir = await userTemplates({
      'broken.yaml':
        'template:\n  name: Broken\n  agents:\n    - role: CEO\n      level: emperor\n',
      'badjinja.yaml': 'template:\n  name: X\n  agents: {% for %}\n',
    });
    await expect(load('broken', {}, dataDir)).rejects.toMatchObject({
      message: expect.stringMatching(/^broken\.yaml:5:14: template\.agents\.0\.level: /),
    });
    await expect(load('badjinja', {}, dataDir)).rejects.toMatchObject({
      message: expect.stringMatching(/^badjinja\.yaml:3:/),
    });
  });

  it('startup ships meeting types; a bad meeting line in a template is named', async () => {
    const startup = await load('startup');
    expect(startup.meetings.types.map((t) => [t.name, t.frequency ?? t.trigger])).toEqual([
      ['daily_standup', 'per_sprint_day'],
      ['code_review_sync', 'code_review_complete'],
    ]);
    const dataDir = await userTemplates({
      'meets.yaml': `template:
  name: Meets
  extends: startup
  meetings:
    types:
      - name: retro
        frequency: weekly
        participants: [engineering, nobody]
`,
      'badfreq.yaml':
        'template:\n  name: X\n  meetings:\n    types:\n      - {name: r, frequency: yearly, participants: [all]}\n',
    });
    await expect(load('meets', {}, dataDir)).rejects.toMatchObject({
      message: expect.stringMatching(
        /^meets\.yaml:8:\d+: meetings\.types\.0\.participants\.1: unknown participant 'nobody'/,
      ),
    });
    await expect(load('badfreq', {}, dataDir)).rejects.toMatchObject({
      message: expect.stringMatching(
        /^badfreq\.yaml:5:\d+: template\.meetings\.types\.0\.frequency: /,
      ),
    });
  });

  it('refuses template expressions that reach JavaScript internals', async () => {
    const dataDir = await userTemplates({
      'evil.yaml': 'template:\n  name: "{{ range.constructor(\'return 1\')() }}"\n',
    });
    await expect(load('evil', {}, dataDir)).rejects.toMatchObject({
      message: expect.stringContaining('uses a forbidden name'),
    });
  });

  it('rejects unknown names and path tricks', async () => {
    await expect(load('nope')).rejects.toMatchObject({ code: 'TEMPLATE_NOT_FOUND' });
    await expect(load('..')).rejects.toMatchObject({ code: 'TEMPLATE_NOT_FOUND' });
  });

  it('a required variable without a value is a clear error', async () => {
    const dataDir = await userTemplates({
      'req.yaml': `template:
  name: Req
  variables:
    - {name: owner, required: true}
  agents:
    - {role: CEO, name: "{{ owner }}"}
`,
    });
    await expect(load('req', {}, dataDir)).rejects.toMatchObject({
      message: 'req.yaml: variables.owner: a value is required',
    });
    expect((await load('req', { owner: 'Olga' }, dataDir)).agents[0]?.name).toBe('Olga');
  });
});
