/**
 * Whether the first admin account still has to be created, or null when the API cannot say.
 */
export async function fetchSetupPending(_apiUrl: string): Promise<boolean | null> {
  // TODO(auth-ws): ask the API's setup status endpoint once users and setup are on main.
  return null;
}
