import { labelOf } from './Badge.tsx';

/** A labelled select over a fixed list of values, with an optional "any" entry. */
export function SelectField(props: {
  id: string;
  label: string;
  value: string;
  options: readonly string[];
  onChange(value: string): void;
  anyLabel?: string;
}) {
  return (
    <div>
      <label className="field-label" htmlFor={props.id}>
        {props.label}
      </label>
      <select
        id={props.id}
        className="field"
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      >
        {props.anyLabel !== undefined && <option value="">{props.anyLabel}</option>}
        {props.options.map((option) => (
          <option key={option} value={option}>
            {labelOf(option)}
          </option>
        ))}
      </select>
    </div>
  );
}
