// biome-ignore-all lint/suspicious/noTemplateCurlyInString: config files hold literal ${VAR} references.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { setupAdmin, type TestUser } from '../support/auth.ts';
import { jsonRequest } from '../support/http.ts';
import { createTestPostgres } from '../support/postgres.ts';
import { makeDataDir, startTestServer, type TestServer } from '../support/test-server.ts';

const ENV_SECRET = 'env-secret-value-4f9a1c';
const INLINE_SECRET = 'sk-inline-literal-secret-7d2e';

const COMPANY = `company_name: Secret Labs
budget: {total_monthly: 40, per_task_limit: 3}
departments:
  - {name: engineering, head: Ada, budget_percent: 80, autonomy_level: supervised}
  - {name: research, head_role: Researcher, budget_percent: 20}
agents:
  - {name: Ada, role: Lead Engineer, department: engineering, level: lead, model: large}
  - {name: Jun, role: Junior Developer, department: engineering, level: junior, model: small}
  - name: Rui
    role: Researcher
    department: research
    level: senior
    model: {provider: cloud, model_id: big-1}
providers:
  local:
    kind: openai-compatible
    base_url: http://127.0.0.1:9/v1
    api_key: \${SYNTHORG_TEST_LOCAL_KEY}
    models:
      - {id: local-large, alias: large, cost_per_1k_input: 0.5, cost_per_1k_output: 1.5}
      - {id: local-small, alias: small}
  cloud:
    driver: anthropic
    api_key: ${INLINE_SECRET}
    models: [{id: big-1}]
`;

let dataDir: string;
let t: TestServer;
let admin: TestUser;
const call = (method: string, path: string, body?: unknown) =>
  jsonRequest(`${t.baseUrl}/api/v1${path}`, method, body, admin.token);

beforeAll(async () => {
  process.env.SYNTHORG_TEST_LOCAL_KEY = ENV_SECRET;
  dataDir = await makeDataDir();
  await writeFile(join(dataDir, 'company.yaml'), COMPANY);
  t = await startTestServer({ settings: { dataDir } });
  admin = await setupAdmin(t.baseUrl);
});
afterAll(async () => {
  await t.close({ removeData: true });
  delete process.env.SYNTHORG_TEST_LOCAL_KEY;
});

describe('a company from <dataDir>/company.yaml', () => {
  it('is bootstrapped with tiers resolved to the configured provider models', async () => {
    const company = (await call('GET', '/company')).body.data;
    expect(company).toMatchObject({ company_name: 'Secret Labs', source: 'file:company.yaml' });
    const models = Object.fromEntries(
      company.agents.map((a: { name: string; model: unknown }) => [a.name, a.model]),
    );
    expect(models.Ada).toMatchObject({ provider: 'local', model_id: 'local-large', tier: 'large' });
    expect(models.Jun).toMatchObject({ provider: 'local', model_id: 'local-small', tier: 'small' });
    expect(models.Rui).toMatchObject({ provider: 'cloud', model_id: 'big-1', tier: null });
    const heads = company.departments.map((d: { head: string }) => d.head);
    expect(heads).toEqual(['Ada', 'Rui']);
  });

  it('applies department autonomy and refuses full autonomy for a junior agent (422)', async () => {
    const before = await call('GET', '/agents/Jun/autonomy');
    expect(before.body.data).toMatchObject({ level: 'supervised', source: 'department' });
    const refused = await call('POST', '/agents/Jun/autonomy', { level: 'full' });
    expect(refused.status).toBe(422);
    expect(refused.body.error_code).toBe('DOMAIN_RULE_VIOLATION');
    expect((await call('GET', '/agents/Jun/autonomy')).body.data).toEqual(before.body.data);
  });

  it('never shows an api key in any response or log line, yet hands it to the runtime', async () => {
    const bodies = await Promise.all(
      [
        '/providers',
        '/providers/local',
        '/providers/cloud',
        '/providers/cloud/models',
        '/company',
      ].map(async (path) => JSON.stringify((await call('GET', path)).body)),
    );
    const providers = JSON.parse(bodies[0] as string).data;
    expect(providers.local).toMatchObject({ driver: 'openai_compatible', has_api_key: true });
    expect(providers.cloud).toMatchObject({ driver: 'anthropic', has_api_key: true });
    const runtime = await t.server.context.org.providers.resolvedConfig(process.env);
    expect(runtime.local?.api_key).toBe(ENV_SECRET);
    expect(runtime.cloud?.api_key).toBe(INLINE_SECRET);
    for (const secret of [ENV_SECRET, INLINE_SECRET]) {
      for (const body of bodies) expect(body).not.toContain(secret);
      expect(t.logs.raw()).not.toContain(secret);
    }
  });

  it('survives a restart unchanged, and changes only on an explicit reload', async () => {
    const before = (await call('GET', '/company')).body.data;
    expect((await call('GET', '/budget/config')).body.data.total_monthly).toBe(40);
    expect((await call('PUT', '/budget/config', { total_monthly: 70 })).status).toBe(200);
    await writeFile(
      join(dataDir, 'company.yaml'),
      COMPANY.replace('Secret Labs', 'Renamed Labs').replace(
        '  - {name: Jun, role: Junior Developer, department: engineering, level: junior, model: small}\n',
        '  - {name: Kim, role: Developer, department: engineering, model: small}\n',
      ),
    );
    await t.close();
    t = await startTestServer({ settings: { dataDir } });
    expect(t.logs.events()).toContain('org.bootstrap.skipped');
    expect((await call('GET', '/company')).body.data).toEqual(before);
    const rows = await t.server.context.database.db.selectFrom('company').selectAll().execute();
    expect(rows).toHaveLength(1);
    // A budget changed through the API survives the restart.
    expect((await call('GET', '/budget/config')).body.data.total_monthly).toBe(70);

    const reloaded = await call('POST', '/company/reload');
    expect(reloaded.status).toBe(200);
    expect(reloaded.body.data.company_name).toBe('Renamed Labs');
    // The reload replaces the YAML layer; the value set through the API stays on top of it
    // (DB over YAML) until its override is deleted.
    expect((await call('GET', '/budget/config')).body.data).toMatchObject({
      total_monthly: 70,
      per_task_limit: 3,
    });
    expect((await call('DELETE', '/settings/budget/total_monthly')).status).toBe(204);
    expect((await call('GET', '/budget/config')).body.data.total_monthly).toBe(40);
    const byName = Object.fromEntries(
      reloaded.body.data.agents.map((a: { name: string }) => [a.name, a]),
    );
    expect(byName.Ada.id).toBe(before.agents[0].id);
    expect(byName.Jun).toMatchObject({ status: 'terminated', id: before.agents[1].id });
    expect(byName.Kim).toMatchObject({ status: 'active', runtime_status: 'idle' });
    expect(t.logs.events()).toContain('org.config.applied');
  });

  it('a reload of a broken file is refused with the line, and nothing stored changes', async () => {
    const before = (await call('GET', '/company')).body.data;
    await writeFile(
      join(dataDir, 'company.yaml'),
      'company_name: X\nagents:\n  - {name: Z, level: boss}\n',
    );
    const refused = await call('POST', '/company/reload');
    expect(refused.status).toBe(422);
    expect(refused.body.error_code).toBe('CONFIG_INVALID');
    expect(refused.body.error).toMatch(/^company\.yaml:3:\d+: agents\.0\./);
    expect((await call('GET', '/company')).body.data).toEqual(before);
  });

  it('a reload with the config file deleted is CONFIG_NOT_FOUND, and nothing stored changes', async () => {
    const before = (await call('GET', '/company')).body.data;
    const rows = () => t.server.context.database.db.selectFrom('company').selectAll().execute();
    const storedBefore = await rows();
    await rm(join(dataDir, 'company.yaml'));
    const refused = await call('POST', '/company/reload');
    expect(refused.status).toBe(404);
    expect(refused.body.error_code).toBe('CONFIG_NOT_FOUND');
    expect(refused.body.error).toContain('company.yaml');
    expect(refused.body.error).not.toContain(dataDir);
    expect((await call('GET', '/company')).body.data).toEqual(before);
    expect(await rows()).toEqual(storedBefore);
  });
});

describe('start-up with a config that cannot be used', () => {
  it('fails with an error naming the file, line and field', async () => {
    const dir = await makeDataDir();
    await writeFile(
      join(dir, 'company.yaml'),
      'company_name: A\nagents:\n  - {name: B, role: C, level: emperor}\n',
    );
    await expect(startTestServer({ settings: { dataDir: dir } })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringMatching(/^company\.yaml:3:\d+: agents\.0\.level: /),
    });
  });

  it('fails clearly on a ${VAR} that has no value and no default', async () => {
    const dir = await makeDataDir();
    await writeFile(join(dir, 'company.yaml'), 'company_name: ${SYNTHORG_TEST_UNSET_NAME}\n');
    await expect(startTestServer({ settings: { dataDir: dir } })).rejects.toMatchObject({
      message:
        'company.yaml:1:15: company_name: environment variable SYNTHORG_TEST_UNSET_NAME is not set and has no default',
    });
  });

  it('fails when an agent asks for a model no provider offers', async () => {
    const dir = await makeDataDir();
    await writeFile(
      join(dir, 'company.yaml'),
      'company_name: A\nagents:\n  - {name: B, role: C, model: huge}\nproviders:\n  p: {base_url: "http://127.0.0.1:9", models: [{id: m, alias: large}]}\n',
    );
    await expect(startTestServer({ settings: { dataDir: dir } })).rejects.toMatchObject({
      message: "company.yaml: agents.0.model: no provider offers model 'huge' (as id or alias)",
    });
  });
});

describe('bootstrap on PostgreSQL', () => {
  it('stores the default company once and keeps it across a restart', async () => {
    const pg = await createTestPostgres();
    const settings = { databaseUrl: pg.url, dataDir: await makeDataDir() };
    try {
      const first = await startTestServer({ settings });
      const company = await first.server.context.org.company.get();
      expect(company).toMatchObject({ company_name: 'My Company', company_type: 'solo_founder' });
      expect(company.agents).toHaveLength(2);
      await first.close();
      const second = await startTestServer({ settings });
      expect(second.logs.events()).toContain('org.bootstrap.skipped');
      expect(await second.server.context.org.company.get()).toEqual(company);
      await second.close({ removeData: true });
    } finally {
      await pg.drop();
    }
  });
});
