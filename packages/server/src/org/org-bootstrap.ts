import type { Kysely } from 'kysely';

import type { Env } from '../config/config-loader.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { EventPublisher } from '../events/event-publisher.ts';
import type { Logger } from '../logging/logger.ts';
import { type CompanySource, resolveCompanySource } from './company-source.ts';
import { type ApplyResult, applyOrg } from './org-apply.ts';
import { ORG_EVENTS } from './org-log-events.ts';
import { resolveOrg } from './org-resolve.ts';

export interface OrgBootstrapDeps {
  db: Kysely<DatabaseSchema>;
  log: Logger;
  events: EventPublisher;
}

export interface ConfigLocation {
  dataDir: string;
  env: Env;
  configPath?: string | undefined;
}

function logWarnings(log: Logger, source: string, warnings: string[]): void {
  for (const warning of warnings) {
    log.warn({ event: ORG_EVENTS.configWarning, source, warning }, 'company config warning');
  }
}

/** Resolves and stores a loaded config; announces hired and terminated agents afterwards. */
export async function applyCompanySource(
  deps: OrgBootstrapDeps,
  loaded: CompanySource,
): Promise<ApplyResult> {
  const org = resolveOrg(loaded.config, loaded.source.replace(/^\w+:/, ''));
  logWarnings(deps.log, loaded.source, [...loaded.warnings, ...org.warnings]);
  if (org.demoProvider) {
    deps.log.info(
      { event: ORG_EVENTS.demoProviderAdded, source: loaded.source },
      'no providers configured; agents use the offline scripted demo provider',
    );
  }
  const result = await applyOrg(deps.db, org, loaded.source);
  deps.log.info(
    {
      event: result.created ? ORG_EVENTS.bootstrapCompleted : ORG_EVENTS.configApplied,
      source: loaded.source,
      company_id: result.companyId,
      departments: org.departments.length,
      agents: org.agents.length,
      hired: result.hired.length,
      terminated: result.terminated.length,
    },
    result.created ? 'company bootstrapped' : 'company config applied',
  );
  if (!result.created) {
    for (const agent of result.hired) deps.events.publish('agent.hired', agent);
    for (const agent of result.terminated) deps.events.publish('agent.fired', agent);
  }
  return result;
}

/**
 * On start: when the database holds no company yet, load the company config (or the default
 * template) and store it. An existing company is kept as it is; changing it takes an
 * explicit re-apply (`POST /company/reload`), so a restart never re-creates or duplicates it.
 */
export async function bootstrapCompany(
  deps: OrgBootstrapDeps,
  location: ConfigLocation,
): Promise<boolean> {
  const existing = await deps.db.selectFrom('company').select(['id', 'source']).executeTakeFirst();
  if (existing) {
    deps.log.info(
      { event: ORG_EVENTS.bootstrapSkipped, company_id: existing.id, source: existing.source },
      'company already stored; not bootstrapping',
    );
    return false;
  }
  deps.log.info({ event: ORG_EVENTS.bootstrapStarted }, 'bootstrapping company');
  const loaded = await resolveCompanySource(location);
  try {
    await applyCompanySource(deps, loaded);
    return true;
  } catch (error) {
    // Another instance sharing the database bootstrapped first: its company stands.
    const winner = await deps.db.selectFrom('company').select('id').executeTakeFirst();
    if (!winner) throw error;
    deps.log.info(
      { event: ORG_EVENTS.bootstrapSkipped, company_id: winner.id, reason: 'concurrent' },
      'another instance bootstrapped the company',
    );
    return false;
  }
}
