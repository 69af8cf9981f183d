import type { Company, HealthStatus, ProviderView } from '@synthorg/shared';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

import { apiRequest } from '../../api/api-client.ts';
import { useAuthStore } from '../../auth/auth-store.ts';
import { Badge, labelOf } from '../../components/Badge.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { RuntimeSettings } from './RuntimeSettings.tsx';

/** `GET /providers`: providers by name; keys are never sent, only `has_api_key`. */
type Providers = Record<string, ProviderView>;

function Section(props: { title: string; children: ReactNode }) {
  return (
    <section className="card space-y-2">
      <h2 className="font-semibold">{props.title}</h2>
      {props.children}
    </section>
  );
}

/** Account, company, providers and server health; each section fails on its own. */
export function SettingsPage() {
  const user = useAuthStore((state) => state.user);
  const company = useQuery({
    queryKey: ['company'],
    queryFn: () => apiRequest<Company>('GET', '/company'),
  });
  const providers = useQuery({
    queryKey: ['providers'],
    queryFn: () => apiRequest<Providers>('GET', '/providers'),
  });
  const health = useQuery({
    queryKey: ['health'],
    queryFn: () => apiRequest<HealthStatus>('GET', '/health'),
  });

  return (
    <>
      <PageHeader title="Settings" subtitle="Your account and the organization's configuration" />
      <div className="grid gap-4 lg:grid-cols-2">
        <Section title="Account">
          <p className="text-sm">
            {user?.username} · {labelOf(user?.role ?? '')}
          </p>
          <Link to="/change-password" className="btn-secondary">
            Change password
          </Link>
        </Section>
        <Section title="Company">
          <QueryState query={company}>
            {(data) => (
              <p className="text-sm">
                <span className="font-medium">{data.company_name}</span> · {data.departments.length}{' '}
                departments · {data.agents.length} agents
              </p>
            )}
          </QueryState>
        </Section>
        <Section title="Providers">
          <QueryState
            query={providers}
            isEmpty={(data) => Object.keys(data).length === 0}
            empty={<p className="text-sm text-slate-500">No providers configured.</p>}
          >
            {(data) => (
              <ul className="space-y-3 text-sm">
                {Object.entries(data).map(([name, provider]) => (
                  <li key={name} data-testid="provider" className="space-y-0.5">
                    <p className="flex flex-wrap items-center gap-2">
                      <span className="font-medium">{name}</span>
                      {provider.scripted ? (
                        <Badge value="scripted" />
                      ) : (
                        <span className="text-slate-500">{provider.driver}</span>
                      )}
                      {provider.has_api_key && <Badge value="key_set" />}
                    </p>
                    {provider.base_url && (
                      <p className="text-xs break-all text-slate-500">{provider.base_url}</p>
                    )}
                    <p className="text-xs text-slate-600">
                      {provider.models
                        .map((model) => (model.alias ? `${model.id} (${model.alias})` : model.id))
                        .join(', ') || 'no models'}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </QueryState>
        </Section>
        <Section title="Server">
          <QueryState query={health}>
            {(data) => (
              <p className="flex flex-wrap items-center gap-2 text-sm">
                <Badge value={data.status} /> version {data.version} · persistence{' '}
                {data.persistence ? 'ok' : 'down'} · event bus {data.message_bus ? 'ok' : 'down'}
              </p>
            )}
          </QueryState>
        </Section>
      </div>
      <div className="mt-8">
        <RuntimeSettings />
      </div>
    </>
  );
}
