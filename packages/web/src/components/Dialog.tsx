import { type ReactNode, useEffect } from 'react';

/** A modal panel; Escape or the backdrop closes it. */
export function Dialog(props: {
  title: string;
  onClose(): void;
  children: ReactNode;
  testId?: string;
}) {
  const { onClose } = props;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <div className="fixed inset-0 z-40 flex items-start justify-center overflow-y-auto bg-slate-900/40 p-4 sm:items-center">
      <button
        type="button"
        aria-label="Close"
        className="fixed inset-0 cursor-default"
        onClick={onClose}
      />
      <section
        role="dialog"
        aria-modal="true"
        aria-label={props.title}
        data-testid={props.testId}
        className="relative z-50 w-full max-w-lg rounded-lg bg-white p-5 shadow-xl"
      >
        <header className="mb-4 flex items-start justify-between gap-3">
          <h2 className="text-lg font-semibold">{props.title}</h2>
          <button
            type="button"
            className="text-slate-400 hover:text-slate-700"
            aria-label="Close dialog"
            onClick={onClose}
          >
            ✕
          </button>
        </header>
        {props.children}
      </section>
    </div>
  );
}
