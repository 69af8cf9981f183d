const TONES: Record<string, string> = {
  created: 'bg-slate-100 text-slate-700',
  assigned: 'bg-blue-100 text-blue-800',
  in_progress: 'bg-amber-100 text-amber-800',
  in_review: 'bg-purple-100 text-purple-800',
  completed: 'bg-green-100 text-green-800',
  blocked: 'bg-red-100 text-red-800',
  failed: 'bg-red-200 text-red-900',
  interrupted: 'bg-orange-100 text-orange-800',
  cancelled: 'bg-gray-200 text-gray-700',
  pending: 'bg-amber-100 text-amber-800',
  approved: 'bg-green-100 text-green-800',
  rejected: 'bg-red-100 text-red-800',
  expired: 'bg-gray-200 text-gray-700',
  active: 'bg-green-100 text-green-800',
  onboarding: 'bg-blue-100 text-blue-800',
  on_leave: 'bg-yellow-100 text-yellow-800',
  terminated: 'bg-gray-200 text-gray-700',
  critical: 'bg-red-100 text-red-800',
  high: 'bg-orange-100 text-orange-800',
  medium: 'bg-yellow-100 text-yellow-800',
  low: 'bg-slate-100 text-slate-700',
  warning: 'bg-amber-100 text-amber-800',
  normal: 'bg-green-100 text-green-800',
  hard_stop: 'bg-red-200 text-red-900',
  ok: 'bg-green-100 text-green-800',
  degraded: 'bg-amber-100 text-amber-800',
  down: 'bg-red-100 text-red-800',
  disabled: 'bg-gray-200 text-gray-700',
  running: 'bg-blue-100 text-blue-800',
  parked: 'bg-amber-100 text-amber-800',
  finished: 'bg-green-100 text-green-800',
  scripted: 'bg-purple-100 text-purple-800',
  key_set: 'bg-green-100 text-green-800',
  must_change_password: 'bg-amber-100 text-amber-800',
};

export function labelOf(value: string): string {
  if (value === 'ceo') return 'CEO';
  return value.replace(/_/g, ' ').replace(/\b\w/g, (letter) => letter.toUpperCase());
}

/** A coloured pill for a status, priority or risk value; unknown values fall back to grey. */
export function Badge(props: { value: string | null | undefined; testId?: string }) {
  const value = props.value ?? 'unknown';
  return (
    <span
      data-testid={props.testId}
      className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${TONES[value] ?? 'bg-slate-100 text-slate-600'}`}
    >
      {labelOf(value)}
    </span>
  );
}
