/** Log events of the doctor endpoints. */
export const DOCTOR_EVENTS = {
  sessionIssued: 'api.doctor.session_issued',
  sessionRefused: 'api.doctor.session_refused',
  echo: 'api.doctor.echo',
} as const;
