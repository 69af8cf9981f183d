import type { FormEvent, ReactNode } from 'react';

/** The centred card the setup, login and password pages share. */
export function AuthCard(props: {
  title: string;
  subtitle: string;
  onSubmit(event: FormEvent<HTMLFormElement>): void;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-100 p-4">
      <form
        className="card w-full max-w-sm space-y-4 p-6"
        onSubmit={(event) => {
          event.preventDefault();
          props.onSubmit(event);
        }}
        noValidate
      >
        <div className="flex items-center gap-3">
          <span className="flex h-10 w-10 items-center justify-center rounded-lg bg-indigo-600 text-lg font-bold text-white">
            S
          </span>
          <div>
            <h1 className="text-lg font-semibold">{props.title}</h1>
            <p className="text-sm text-slate-500">{props.subtitle}</p>
          </div>
        </div>
        {props.children}
        {props.footer && <div className="text-center text-sm text-slate-500">{props.footer}</div>}
      </form>
    </main>
  );
}

export function FormError(props: { id: string; message: string | null }) {
  if (!props.message) return null;
  return (
    <p
      id={props.id}
      role="alert"
      data-testid="form-error"
      className="rounded-md bg-red-50 p-2 text-sm text-red-700"
    >
      {props.message}
    </p>
  );
}

export function TextField(props: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  type?: string;
  autoComplete?: string;
  placeholder?: string;
  errorId?: string;
}) {
  return (
    <div>
      <label className="field-label" htmlFor={props.id}>
        {props.label}
      </label>
      <input
        id={props.id}
        name={props.id}
        className="field"
        type={props.type ?? 'text'}
        value={props.value}
        autoComplete={props.autoComplete}
        placeholder={props.placeholder}
        aria-describedby={props.errorId}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </div>
  );
}
