import { expect, test } from "./fixtures";

test("the home page shows the demo data and a fallback marked as such", async ({ page }) => {
  await page.goto("/en");

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Creative business in Ida-Viru County");
  const figures = page.getByRole("region", { name: "The cluster in figures" });
  await expect(figures.getByText("Organisations in the directory")).toBeVisible();
  // The demo data is in: the count is a positive number.
  await expect(figures.locator("dd").first()).toHaveText(/^[1-9]\d*$/);

  const next = page.getByRole("region", { name: "Next events" });
  await expect(next.getByRole("listitem").first()).toBeVisible();
  // The demo counselling day has no English title: it is shown in Estonian and says so.
  // (Events the other tests add may be in Estonian only, too.)
  const counselling = next.getByRole("link", { name: /^Nõustamispäev Sillamäel/ });
  await expect(counselling.getByText("(shown in Estonian)")).toBeVisible();
});

test("a narrow phone screen needs no sideways scrolling", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  for (const path of ["/ru", "/ru/about"]) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
  await context.close();
});

test("an unknown page is a localised 404", async ({ page }) => {
  const response = await page.goto("/ru/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Страница не найдена");
  await page.getByRole("link", { name: "На главную" }).click();
  await expect(page).toHaveURL(/\/ru$/);
});

test("hydration does not move anything on the page", async ({ browser }) => {
  const positions = async (javaScriptEnabled: boolean) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await page.goto("/et");
    if (javaScriptEnabled) await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
    const boxes = await Promise.all(
      [page.getByRole("heading", { level: 1 }), page.getByRole("region", { name: "Järgmised üritused" }), page.getByRole("contentinfo")].map(
        (locator) => locator.boundingBox(),
      ),
    );
    await context.close();
    return boxes;
  };
  expect(await positions(true)).toEqual(await positions(false));
});
