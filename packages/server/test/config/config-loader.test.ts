// biome-ignore-all lint/suspicious/noTemplateCurlyInString: config files hold literal ${VAR} references.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import type { ConfigError } from '../../src/config/config-error.ts';
import { loadConfigFile, loadConfigText } from '../../src/config/config-loader.ts';

const load = (text: string, env: Record<string, string> = {}) =>
  loadConfigText([{ text, file: 'company.yaml' }], env);

function failure(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('expected the config to be rejected');
}

const VALID = `company_name: Acme
departments:
  - name: engineering
    head: Ada
    budget_percent: 60
agents:
  - name: Ada
    role: Backend Developer
    level: senior
    model: large
providers:
  local:
    kind: openai-compatible
    base_url: http://127.0.0.1:11434/v1
    api_key: \${LOCAL_KEY:-none}
    models:
      - id: qwen3:8b
        alias: large
        cost_per_1k_input: 0.001
`;

describe('company config loading', () => {
  it('loads a valid file with defaults filled in and the secret kept as its reference', () => {
    const { config, warnings } = load(VALID);
    expect(warnings).toEqual([]);
    expect(config.company_name).toBe('Acme');
    expect(config.agents[0]).toMatchObject({
      name: 'Ada',
      department: 'engineering',
      model: { provider: 'default', model_id: 'large', temperature: 0.7 },
      memory: { type: 'session' },
    });
    expect(config.providers.local?.api_key).toBe('${LOCAL_KEY:-none}');
    expect(config.providers.local?.models[0]?.max_context).toBe(200_000);
    expect(config.budget.alerts).toEqual({ warn_at: 75, critical_at: 90, hard_stop_at: 100 });
  });

  it('names file, line, column and field of an invalid value', () => {
    const error = failure(() => load(VALID.replace('level: senior', 'level: wizard')));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.issues[0]).toMatchObject({
      file: 'company.yaml',
      line: 9,
      path: 'agents.0.level',
    });
    expect(error.message).toMatch(/^company\.yaml:9:12: agents\.0\.level: /);
  });

  it('names the line of a YAML syntax error', () => {
    const error = failure(() => load('company_name: Acme\nagents:\n  - name: [unclosed\n'));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.issues[0]?.line).toBeGreaterThanOrEqual(3);
    expect(error.message).toContain('company.yaml:');
  });

  it('rejects a duplicate key instead of letting the second one win silently', () => {
    const error = failure(() => load('company_name: A\ncompany_name: B\n'));
    expect(error.issues[0]?.line).toBe(2);
  });

  it('substitutes ${VAR} and ${VAR:-default}', () => {
    const text = 'company_name: ${NAME}\nconfig:\n  communication_pattern: ${PATTERN:-hybrid}\n';
    const { config } = load(text, { NAME: 'From Env' });
    expect(config.company_name).toBe('From Env');
    expect(config.config.communication_pattern).toBe('hybrid');
  });

  it('fails clearly on ${VAR} without value or default, naming variable and line', () => {
    const error = failure(() =>
      load('company_name: Acme\nconfig:\n  communication_pattern: ${NOPE}\n'),
    );
    expect(error.message).toBe(
      'company.yaml:3:26: config.communication_pattern: environment variable NOPE is not set and has no default',
    );
  });

  it('checks a secret reference without storing its value', () => {
    const text =
      'company_name: A\nproviders:\n  p:\n    api_key: ${MISSING_KEY}\n    models: [{id: m}]\n';
    expect(failure(() => load(text)).issues[0]).toMatchObject({
      line: 4,
      path: 'providers.p.api_key',
    });
    expect(load(text, { MISSING_KEY: 'sk-live' }).config.providers.p?.api_key).toBe(
      '${MISSING_KEY}',
    );
  });

  it('enforces company rules: unique names, budget shares, known head-off departments', () => {
    const text = `company_name: A
departments:
  - {name: eng, budget_percent: 70}
  - {name: ENG, budget_percent: 40}
workflow_handoffs:
  - {from_department: eng, to_department: nowhere, trigger: done}
`;
    const messages = failure(() => load(text)).issues.map((i) => `${i.path}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        "departments.1: duplicate department 'ENG'",
        'departments: department budget_percent values add up to 110, more than 100',
        "workflow_handoffs.0.to_department: unknown department 'nowhere'",
      ]),
    );
  });

  it('rejects a junior agent with full autonomy', () => {
    const text =
      'company_name: A\nagents:\n  - {name: J, role: Dev, level: junior, autonomy_level: full}\n';
    expect(failure(() => load(text)).issues[0]?.message).toBe(
      'a junior agent cannot have full autonomy',
    );
  });

  it('warns about unknown top-level keys and accepts the original keys it does not use', () => {
    const { warnings } = load('company_name: A\ncompnay_type: startup\nmemory: {}\nrouting: {}\n');
    expect(warnings).toEqual(["company.yaml: unknown top-level key 'compnay_type' is ignored"]);
  });

  describe('the meetings section', () => {
    const MEETINGS = `company_name: Acme
departments:
  - {name: engineering}
agents:
  - {name: Ada, role: Dev, department: engineering}
meetings:
  types:
    - name: standup
      frequency: daily
      participants: [engineering, ada]
    - name: review
      trigger: code_review_complete
      participants: [author, all]
      duration_tokens: 800
      protocol_config: {protocol: position_papers, max_tokens_per_paper: 300}
      auto_create_tasks: false
`;

    it('loads types with their defaults; no section means meetings on and no types', () => {
      const { config, warnings } = load(MEETINGS);
      expect(warnings).toEqual([]);
      expect(config.meetings.enabled).toBe(true);
      expect(config.meetings.types).toEqual([
        {
          name: 'standup',
          frequency: 'daily',
          participants: ['engineering', 'ada'],
          duration_tokens: 2000,
          protocol_config: { protocol: 'round_robin' },
          auto_create_tasks: true,
        },
        {
          name: 'review',
          trigger: 'code_review_complete',
          participants: ['author', 'all'],
          duration_tokens: 800,
          protocol_config: { protocol: 'position_papers', max_tokens_per_paper: 300 },
          auto_create_tasks: false,
        },
      ]);
      expect(load('company_name: A\n').config.meetings).toEqual({ enabled: true, types: [] });
    });

    const located = (text: string) =>
      failure(() => load(text)).issues.map((i) => [i.line, i.path, i.message]);

    it('names the line of a bad frequency, protocol or token budget', () => {
      const text = MEETINGS.replace('frequency: daily', 'frequency: hourly')
        .replace('protocol: position_papers', 'protocol: debate')
        .replace('duration_tokens: 800', 'duration_tokens: -1');
      const issues = located(text);
      expect(issues.map(([line, path]) => [line, path])).toEqual([
        [9, 'meetings.types.0.frequency'],
        [14, 'meetings.types.1.duration_tokens'],
        [15, 'meetings.types.1.protocol_config.protocol'],
      ]);
    });

    it('needs exactly one of frequency and trigger, and unique names', () => {
      const both = MEETINGS.replace('frequency: daily', 'frequency: daily\n      trigger: x');
      expect(located(both)).toEqual([
        [8, 'meetings.types.0', 'a meeting type needs either frequency or trigger (exactly one)'],
      ]);
      const twice = MEETINGS.replace('name: review', 'name: Standup');
      expect(located(twice)).toEqual([
        [11, 'meetings.types.1', "duplicate meeting type 'Standup'"],
      ]);
    });

    it('a periodic type may only name all, departments and agents; the line is given', () => {
      const text = MEETINGS.replace('[engineering, ada]', '[engineering, author]');
      expect(located(text)).toEqual([
        [
          10,
          'meetings.types.0.participants.1',
          "unknown participant 'author': not 'all', a department or an agent",
        ],
      ]);
      const error = failure(() => load(text));
      expect(error.message).toMatch(/^company\.yaml:10:\d+: meetings\.types\.0\.participants\.1: /);
    });

    it('refuses unknown keys inside a meeting type', () => {
      const text = MEETINGS.replace('auto_create_tasks: false', 'auto_create_task: false');
      const [issue] = located(text);
      expect(issue?.slice(0, 2)).toEqual([11, 'meetings.types.1']);
      expect(issue?.[2]).toContain('auto_create_task');
    });
  });

  it('deep-merges override files over the primary file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'synthorg-config-'));
    await writeFile(join(dir, 'base.yaml'), VALID);
    await writeFile(join(dir, 'local.yaml'), 'company_name: Local\nbudget:\n  per_task_limit: 2\n');
    const { config } = await loadConfigFile(join(dir, 'base.yaml'), {
      env: {},
      overrides: [join(dir, 'local.yaml')],
    });
    expect(config.company_name).toBe('Local');
    expect(config.budget.per_task_limit).toBe(2);
    expect(config.agents).toHaveLength(1);
    await expect(loadConfigFile(join(dir, 'missing.yaml'), { env: {} })).rejects.toMatchObject({
      message: 'missing.yaml: file not found',
    });
  });
});
