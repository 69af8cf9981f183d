import type { SettingEntry } from '@synthorg/shared';

/** The input for one setting's type; every value travels as the string a `PUT` carries. */
export function SettingInput(props: {
  id: string;
  entry: SettingEntry;
  value: string;
  onChange(value: string): void;
}) {
  const { definition } = props.entry;
  const label = `New value of ${definition.key}`;
  switch (definition.type) {
    case 'enum':
      return (
        <select
          id={props.id}
          aria-label={label}
          className="field"
          value={props.value}
          onChange={(event) => props.onChange(event.target.value)}
        >
          {definition.enum_values.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      );
    case 'boolean': {
      const on = props.value === 'true';
      return (
        <button
          id={props.id}
          type="button"
          role="switch"
          aria-checked={on}
          aria-label={label}
          onClick={() => props.onChange(on ? 'false' : 'true')}
          className={`relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition ${on ? 'bg-indigo-600' : 'bg-slate-300'}`}
        >
          <span
            className={`inline-block h-5 w-5 rounded-full bg-white shadow transition ${on ? 'translate-x-5' : 'translate-x-0.5'}`}
          />
        </button>
      );
    }
    case 'integer':
    case 'float':
      return (
        <input
          id={props.id}
          aria-label={label}
          className="field"
          type="number"
          inputMode={definition.type === 'integer' ? 'numeric' : 'decimal'}
          step={definition.type === 'integer' ? 1 : 'any'}
          min={definition.min_value ?? undefined}
          max={definition.max_value ?? undefined}
          value={props.value}
          onChange={(event) => props.onChange(event.target.value)}
        />
      );
    case 'json':
      return (
        <textarea
          id={props.id}
          aria-label={label}
          className="field font-mono text-xs"
          rows={4}
          spellCheck={false}
          value={props.value}
          onChange={(event) => props.onChange(event.target.value)}
        />
      );
    default:
      return (
        <input
          id={props.id}
          aria-label={label}
          className="field"
          type={definition.sensitive ? 'password' : 'text'}
          autoComplete="off"
          value={props.value}
          onChange={(event) => props.onChange(event.target.value)}
        />
      );
  }
}

/** "0–100", "at least 1", "at most 5" or nothing, from the definition's bounds. */
export function boundsText(entry: SettingEntry): string | null {
  const { min_value: min, max_value: max } = entry.definition;
  if (min !== null && max !== null) return `${min}–${max}`;
  if (min !== null) return `at least ${min}`;
  if (max !== null) return `at most ${max}`;
  return null;
}
