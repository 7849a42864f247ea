import { expect, test } from "./fixtures";
import { waitForHydration } from "./helpers";

test("the content security policy lets the site hydrate and blocks nothing of its own", async ({ page }) => {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) =>
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`),
    );
  });

  const response = await page.goto("/en/directory");
  expect(response?.headers()["content-security-policy"]).toContain("'wasm-unsafe-eval'");
  await waitForHydration(page);
  await page.getByRole("searchbox", { name: "Search by name, service or sector" }).fill("keraamika");
  await expect(page).toHaveURL(/q=keraamika$/);
  await page.getByRole("link", { name: "Toila Keraamikatöökoda" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Toila Keraamikatöökoda" })).toBeVisible();
  await page.goto("/et");
  await waitForHydration(page);

  expect(problems).toEqual([]);
});
