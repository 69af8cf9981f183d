import { envelopeOf, setupStatusSchema } from '@synthorg/shared';

const setupStatusEnvelope = envelopeOf(setupStatusSchema);

/**
 * Whether the first admin account still has to be created, or null when the API cannot say.
 */
export async function fetchSetupPending(apiUrl: string): Promise<boolean | null> {
  try {
    const response = await fetch(`${apiUrl}/api/v1/auth/setup-status`, {
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) return null;
    const parsed = setupStatusEnvelope.safeParse(await response.json());
    return parsed.success ? parsed.data.data.setup_required : null;
  } catch {
    return null;
  }
}
