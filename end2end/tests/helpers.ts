import { expect, type Page } from "@playwright/test";

/** Waits until the wasm has hydrated the page: `data-hydrated` is only ever set by the browser. */
export async function waitForHydration(page: Page) {
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
}
