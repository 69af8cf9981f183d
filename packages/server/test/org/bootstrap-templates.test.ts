import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import { type DatabaseHandle, openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrator.ts';
import { createLogger } from '../../src/logging/logger.ts';
import {
  checkCompanyFile,
  loadCompanyFile,
  loadCompanyTemplate,
} from '../../src/org/company-source.ts';
import { applyCompanySource } from '../../src/org/org-bootstrap.ts';
import { createOrgServices } from '../../src/org/org-services.ts';
import { BUILTIN_TEMPLATE_NAMES } from '../../src/templates/template-source.ts';
import { createLogCapture } from '../support/log-capture.ts';
import { templateFixtureDir, templateFixtureFiles } from '../support/template-fixtures.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function freshDatabase(): Promise<{ database: DatabaseHandle; dataDir: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'synthorg-bootstrap-'));
  dirs.push(dataDir);
  const database = openDatabase({ sqlitePath: join(dataDir, 'synthorg.db') });
  await migrateToLatest(database.db, createLogger({ destination: createLogCapture().stream }));
  return { database, dataDir };
}

type Loader = (dataDir: string) => ReturnType<typeof loadCompanyTemplate>;

async function bootstrapAndRead(load: Loader) {
  const { database, dataDir } = await freshDatabase();
  const deps = {
    db: database.db,
    log: createLogger({ destination: createLogCapture().stream }),
    events: { publish: () => {} },
  };
  const loaded = await load(dataDir);
  await applyCompanySource(deps, loaded);
  const org = createOrgServices(deps, { dataDir, env: {} });
  const company = await org.company.get();
  await database.close();
  return { loaded, company };
}

function expectCompleteCompany(company: Awaited<ReturnType<typeof bootstrapAndRead>>['company']) {
  const names = new Set(company.agents.map((a) => a.name));
  for (const department of company.departments) {
    expect(names.has(department.head ?? ''), `head of ${department.name}`).toBe(true);
  }
  for (const agent of company.agents) {
    expect(agent.model.provider).toBe('demo');
    expect(agent.model.model_id).toBe(`demo-${agent.model.tier}`);
    expect(agent.runtime_status).toBe('idle');
  }
}

describe('bootstrap into a real database', () => {
  for (const name of BUILTIN_TEMPLATE_NAMES) {
    it(`built-in ${name} becomes a stored company with heads and models resolved`, async () => {
      const { loaded, company } = await bootstrapAndRead((dataDir) =>
        loadCompanyTemplate(name, { dataDir, env: {} }),
      );
      expect(company.company_type).toBe(name);
      expect(company.agents).toHaveLength(loaded.config.agents.length);
      expect(company.departments).toHaveLength(loaded.config.departments.length);
      expectCompleteCompany(company);
    });
  }

  it('every template file of the original bootstraps unchanged', async () => {
    for (const file of templateFixtureFiles()) {
      const { company } = await bootstrapAndRead(() =>
        loadCompanyFile(join(templateFixtureDir(), file), {}),
      );
      expect(company.source).toBe(`file:${file}`);
      expectCompleteCompany(company);
    }
  });

  it('checkCompanyFile (for doctor and init) resolves models without storing anything', async () => {
    const { dataDir } = await freshDatabase();
    const path = join(dataDir, 'company.yaml');
    await writeFile(path, 'company_name: A\nagents:\n  - {name: B, role: C, model: large}\n');
    const checked = await checkCompanyFile(path, {});
    expect(checked.config.agents[0]?.name).toBe('B');
    await writeFile(
      path,
      'company_name: A\nagents:\n  - {name: B, role: C, model: huge}\nproviders:\n  p: {base_url: "http://127.0.0.1:9", models: [{id: m}]}\n',
    );
    await expect(checkCompanyFile(path, {})).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: "company.yaml: agents.0.model: no provider offers model 'huge' (as id or alias)",
    });
  });
});
