import type { Company } from '@synthorg/shared';

import { type AgentsService, createAgentsService } from './agents-service.ts';
import { type CompanyService, createCompanyService } from './company-service.ts';
import { resolveReloadSource } from './company-source.ts';
import {
  applyCompanySource,
  bootstrapCompany,
  type ConfigLocation,
  type OrgBootstrapDeps,
} from './org-bootstrap.ts';
import { createProvidersService, type ProvidersService } from './providers-service.ts';

/** The organization domain as other parts (routes, engine, work domain) see it. */
export interface OrgServices {
  company: CompanyService;
  agents: AgentsService;
  providers: ProvidersService;
  /** Stores the company from the config when the database has none; true when it did. */
  bootstrap(): Promise<boolean>;
  /**
   * Re-reads the company config and applies it over the stored company: departments and
   * providers are replaced, agents upserted by name, agents no longer listed terminated.
   * A missing config file is `CONFIG_NOT_FOUND` (no fallback to a built-in template).
   */
  reload(): Promise<Company>;
}

export interface OrgHooks {
  /**
   * Runs after a config was stored (first bootstrap or reload), e.g. to hand the company's
   * budget section to the budget service. Not run on a restart that keeps the company.
   */
  afterApply?: (company: Company) => Promise<void>;
  /** The company name in effect, over the stored one (the `company.name` setting). */
  companyName?: () => string;
}

export function createOrgServices(
  deps: OrgBootstrapDeps,
  location: ConfigLocation,
  hooks: OrgHooks = {},
): OrgServices {
  const agents = createAgentsService(deps);
  const company = createCompanyService({
    db: deps.db,
    agents,
    ...(hooks.companyName && { name: hooks.companyName }),
  });
  const applied = async () => {
    await hooks.afterApply?.(await company.get());
    // Read again: the hook may change what the company shows (the `company.name` setting).
    return company.get();
  };
  return {
    company,
    agents,
    providers: createProvidersService({ db: deps.db }),
    async bootstrap() {
      const created = await bootstrapCompany(deps, location);
      if (created) await applied();
      return created;
    },
    async reload() {
      await applyCompanySource(deps, await resolveReloadSource(location));
      return applied();
    },
  };
}
