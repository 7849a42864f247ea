import { expect, test } from "./fixtures";
import { COORDINATOR, signIn, waitForHydration } from "./helpers";

test("a visitor downloads only the public bundle; the coordinator's pages bring their own", async ({ page }) => {
  const scripts: string[] = [];
  page.on("request", (request) => {
    const path = new URL(request.url()).pathname;
    if (/\.(js|wasm)$/.test(path)) scripts.push(path);
  });
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));

  for (const path of ["/et", "/et/directory", "/en/events", "/ru/funding"]) {
    await page.goto(path);
    await waitForHydration(page);
  }
  expect(scripts.filter((path) => path.startsWith("/pkg/loomeklaster")).length).toBeGreaterThan(0);
  expect(scripts.filter((path) => path.startsWith("/coordinator/"))).toEqual([]);

  // The public sign-in page sends the coordinator on to the dashboard: its router has no
  // coordinator's pages, so the server sends the dashboard with the coordinator's bundle.
  await signIn(page, COORDINATOR);
  await expect(page).toHaveURL(/\/en\/admin$/);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await waitForHydration(page);
  expect(scripts.filter((path) => path.startsWith("/coordinator/pkg/coordinator")).length).toBeGreaterThan(0);

  // It is interactive: the administration's links move within it.
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Events" }).click();
  await expect(page).toHaveURL(/\/en\/admin\/events$/);
  await expect(page.getByRole("heading", { level: 1, name: "Events" })).toBeVisible();
  expect(problems).toEqual([]);
});
