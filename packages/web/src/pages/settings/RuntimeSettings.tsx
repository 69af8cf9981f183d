import { SETTING_NAMESPACES, SETTING_SOURCES, type SettingEntry } from '@synthorg/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { errorText } from '../../api/error-messages.ts';
import { useAuthStore } from '../../auth/auth-store.ts';
import { labelOf } from '../../components/Badge.tsx';
import { formatRelative } from '../../components/format.ts';
import { EmptyBlock, QueryState } from '../../components/QueryState.tsx';
import { boundsText, SettingInput } from './SettingEditor.tsx';
import { settingsApi, settingsQueries } from './settings-api.ts';

const SOURCE_TONES: Record<string, string> = {
  db: 'bg-indigo-100 text-indigo-800',
  env: 'bg-amber-100 text-amber-800',
  yaml: 'bg-teal-100 text-teal-800',
  default: 'bg-slate-100 text-slate-600',
};
const SOURCE_TITLES: Record<string, string> = {
  db: 'Set here (stored in the database)',
  env: 'From an environment variable',
  yaml: 'From the company YAML',
  default: 'The built-in default',
};

function SourceBadge(props: { source: string }) {
  return (
    <span
      data-testid="setting-source"
      title={SOURCE_TITLES[props.source]}
      className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${SOURCE_TONES[props.source] ?? SOURCE_TONES.default}`}
    >
      {props.source}
    </span>
  );
}

function SettingRow(props: { entry: SettingEntry; canWrite: boolean }) {
  const { entry, canWrite } = props;
  const { definition } = entry;
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const done = () => {
    setDraft(null);
    setProblem(null);
    void queryClient.invalidateQueries({ queryKey: ['settings'] });
  };
  const save = useMutation({
    mutationFn: (value: string) => settingsApi.save(entry, value),
    onSuccess: done,
    onError: (error) => setProblem(errorText(error)),
  });
  const reset = useMutation({
    mutationFn: () => settingsApi.reset(entry),
    onSuccess: done,
    onError: (error) => setProblem(errorText(error)),
  });
  const busy = save.isPending || reset.isPending;
  const id = `setting-${definition.namespace}-${definition.key}`;
  const pendingRestart =
    definition.restart_required &&
    entry.active_value !== null &&
    entry.active_value !== entry.value;
  const bounds = boundsText(entry);

  return (
    <li
      data-testid="setting"
      data-setting={`${definition.namespace}.${definition.key}`}
      data-source={entry.source}
      className="space-y-2 py-3"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0 flex-1">
          <p className="font-mono text-sm font-medium break-all">{definition.key}</p>
          <p className="text-xs text-slate-500">{definition.description}</p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {definition.restart_required && (
            <span
              data-testid="setting-restart"
              className="rounded-full bg-orange-100 px-2 py-0.5 text-xs font-medium text-orange-800"
            >
              applies after restart
            </span>
          )}
          <SourceBadge source={entry.source} />
        </div>
      </div>

      {draft === null ? (
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
          <code
            data-testid="setting-value"
            className="max-w-full rounded bg-slate-50 px-1.5 py-0.5 break-all whitespace-pre-wrap"
          >
            {entry.value === '' ? '(empty)' : entry.value}
          </code>
          {pendingRestart && (
            <span className="text-xs text-orange-700">
              running with {entry.active_value} until the next start
            </span>
          )}
          {entry.updated_at && (
            <span className="text-xs text-slate-400">set {formatRelative(entry.updated_at)}</span>
          )}
          {canWrite && (
            <span className="ml-auto flex gap-2">
              <button
                type="button"
                className="btn-secondary"
                disabled={busy || (definition.sensitive && entry.source !== 'db')}
                onClick={() => {
                  setProblem(null);
                  setDraft(definition.sensitive ? '' : entry.value);
                }}
              >
                Edit
              </button>
              {entry.source === 'db' && (
                <button
                  type="button"
                  className="btn-secondary"
                  disabled={busy}
                  onClick={() => reset.mutate()}
                >
                  Reset to default
                </button>
              )}
            </span>
          )}
        </div>
      ) : (
        <form
          className="space-y-2"
          // The server checks bounds and types and answers 422 with its code, shown below.
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate(draft);
          }}
        >
          <div className="flex flex-wrap items-center gap-2">
            <div className="min-w-0 flex-1 basis-48">
              <SettingInput id={id} entry={entry} value={draft} onChange={setDraft} />
            </div>
            <button type="submit" className="btn-primary" disabled={busy}>
              {save.isPending ? 'Saving…' : 'Save'}
            </button>
            <button
              type="button"
              className="btn-secondary"
              disabled={busy}
              onClick={() => {
                setDraft(null);
                setProblem(null);
              }}
            >
              Cancel
            </button>
          </div>
          {(bounds || definition.default !== null) && (
            <p className="text-xs text-slate-500">
              {bounds && `Allowed: ${bounds}. `}
              {definition.default !== null && `Default: ${definition.default || '(empty)'}.`}
            </p>
          )}
        </form>
      )}
      {problem && (
        <p role="alert" data-testid="setting-error" className="text-sm text-red-700">
          {problem}
        </p>
      )}
    </li>
  );
}

/** Groups entries by namespace (in the shared order), then by the definition's group. */
function grouped(entries: SettingEntry[], advanced: boolean) {
  const shown = entries.filter((entry) => advanced || entry.definition.level === 'basic');
  return SETTING_NAMESPACES.map((namespace) => {
    const groups = new Map<string, SettingEntry[]>();
    for (const entry of shown) {
      if (entry.definition.namespace !== namespace) continue;
      const list = groups.get(entry.definition.group) ?? [];
      list.push(entry);
      groups.set(entry.definition.group, list);
    }
    return { namespace, groups: [...groups.entries()] };
  }).filter((section) => section.groups.length > 0);
}

/**
 * The runtime settings editor: every setting by namespace and group, its value and where the
 * value comes from; roles that may write edit and reset, observers only read. Kept current by
 * the `settings.updated` event (channel `system`).
 */
export function RuntimeSettings() {
  // Settings govern the whole system: only the ceo changes them (as the server enforces).
  const canWrite = useAuthStore((state) => state.user?.role === 'ceo');
  const settings = useQuery(settingsQueries.all());
  const [advanced, setAdvanced] = useState(false);

  return (
    <section className="space-y-3" data-testid="runtime-settings" aria-labelledby="runtime-title">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="runtime-title" className="text-lg font-semibold">
            Runtime settings
          </h2>
          <p className="text-sm text-slate-500">
            A value set here wins over the environment, the company YAML and the default (
            {SETTING_SOURCES.join(' > ')}).
            {!canWrite && ' Your role can read these but not change them.'}
          </p>
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={advanced}
            onChange={(event) => setAdvanced(event.target.checked)}
          />
          Show advanced
        </label>
      </div>
      <QueryState
        query={settings}
        isEmpty={(entries) => entries.length === 0}
        empty={<EmptyBlock title="No runtime settings" />}
      >
        {(entries) => (
          <div className="grid gap-4 xl:grid-cols-2">
            {grouped(entries, advanced).map((section) => (
              <section
                key={section.namespace}
                className="card"
                data-testid="settings-namespace"
                data-namespace={section.namespace}
              >
                <h3 className="font-semibold">
                  {section.namespace === 'api' ? 'API' : labelOf(section.namespace)}
                </h3>
                {section.groups.map(([group, list]) => (
                  <div key={group} className="mt-3">
                    <h4 className="text-xs font-medium tracking-wide text-slate-500 uppercase">
                      {group}
                    </h4>
                    <ul className="divide-y divide-slate-100">
                      {list.map((entry) => (
                        <SettingRow key={entry.definition.key} entry={entry} canWrite={canWrite} />
                      ))}
                    </ul>
                  </div>
                ))}
              </section>
            ))}
          </div>
        )}
      </QueryState>
    </section>
  );
}
