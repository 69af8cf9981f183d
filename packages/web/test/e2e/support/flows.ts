import type { Page } from 'playwright-core';

export const ADMIN = { username: 'admin', password: 'a long enough password' };

/** First run through the UI: the setup page creates the admin and lands on the overview. */
export async function createAdminThroughUi(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByRole('button', { name: 'Create admin account' }).waitFor();
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('Confirm password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Create admin account' }).click();
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
}

export async function signInThroughUi(
  page: Page,
  baseUrl: string,
  account: { username: string; password: string } = ADMIN,
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
}

/** Waits (generously) for the live indicator to reach a state, then returns it. */
export async function indicatorState(page: Page, state: string, timeout = 30_000) {
  const indicator = page.getByTestId('connection-indicator');
  await page.waitForFunction(
    (wanted) =>
      document.querySelector('[data-testid="connection-indicator"]')?.getAttribute('data-state') ===
      wanted,
    state,
    { timeout },
  );
  return indicator.getAttribute('data-state');
}
