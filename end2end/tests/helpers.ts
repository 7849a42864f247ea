import { expect, type Page } from "@playwright/test";

/** Waits until the wasm has hydrated the page: `data-hydrated` is only ever set by the browser. */
export async function waitForHydration(page: Page) {
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
}

/** The accounts `global-setup.ts` creates with `server add-user`. */
export const ADMIN = { email: "e2e-admin@ivek.example", password: "Playwright kontrollib Narva sadamat", role: "admin" };
export const COORDINATOR = {
  email: "e2e-coordinator@ivek.example",
  password: "Playwright kontrollib Jõhvi kontserdimaja",
  role: "coordinator",
};
export const ACCOUNTS = [ADMIN, COORDINATOR];

/** Signs in on the English sign-in page with the keyboard, as a person would. */
export async function signIn(page: Page, account: { email: string; password: string }, path = "/en/login") {
  await page.goto(path);
  await waitForHydration(page);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByLabel("Password").press("Enter");
}
