import { z } from 'zod';

/** `POST /doctor/session`: the one-time token the CLI wrote into `<data dir>/run/doctor-token`. */
export const doctorSessionRequestSchema = z.object({ token: z.string().min(1).max(256) });
export type DoctorSessionRequest = z.infer<typeof doctorSessionRequestSchema>;

/** Seconds a doctor session token lives; enough for one round trip, no more. */
export const DOCTOR_SESSION_SECONDS = 60;

/** How long a token file written by `synthorg doctor` may wait to be redeemed. */
export const DOCTOR_TOKEN_MAX_AGE_SECONDS = 120;

/** `POST /doctor/echo`: publishes `system.test` with this nonce on the `system` channel. */
export const doctorEchoRequestSchema = z.object({ nonce: z.string().min(1).max(128) });
export const doctorEchoResponseSchema = z.object({ published: z.literal(true), nonce: z.string() });
export type DoctorEchoResponse = z.infer<typeof doctorEchoResponseSchema>;
