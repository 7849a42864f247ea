import { expect, test } from "./fixtures";
import { waitForHydration } from "./helpers";

test("typing updates the results without a page load, and the URL follows", async ({ page }) => {
  await page.goto("/en/directory");
  await waitForHydration(page);
  // A page load would drop this marker.
  await page.evaluate(() => ((window as any).stillSamePage = true));

  const search = page.getByRole("searchbox", { name: "Search by name, service or sector" });
  await search.fill("helistuudio");
  await expect(page).toHaveURL(/\/en\/directory\?q=helistuudio$/);
  const results = page.getByRole("status");
  await expect(results).toHaveText("Results: 1");
  await expect(page.getByRole("heading", { name: "Jõhvi Helistuudio" })).toBeVisible();

  await search.fill("keraamika");
  await expect(page).toHaveURL(/q=keraamika$/);
  await expect(page.getByRole("heading", { name: "Toila Keraamikatöökoda" })).toBeVisible();
  expect(await page.evaluate(() => (window as any).stillSamePage)).toBe(true);

  await page.goBack();
  await expect(page).toHaveURL(/q=helistuudio$/);
  await expect(page.getByRole("heading", { name: "Jõhvi Helistuudio" })).toBeVisible();
  await expect(search).toHaveValue("helistuudio");
});

test("filters combine and each option shows its count", async ({ page }) => {
  await page.goto("/en/directory");
  await waitForHydration(page);

  const municipality = page.getByRole("combobox", { name: "Municipality or county" });
  await expect(municipality.getByRole("option", { name: "Narva (9)" })).toHaveCount(1);
  await municipality.selectOption("narva");
  await expect(page).toHaveURL(/municipality=narva/);
  await expect(page.getByRole("status")).toHaveText("Results: 9");

  await page.getByRole("checkbox", { name: /Cluster members only/ }).check();
  await expect(page).toHaveURL(/member=1/);
  await expect(page.getByRole("status")).toHaveText("Results: 8");

  await page.getByRole("combobox", { name: "Sector" }).selectOption("games");
  await expect(page.getByRole("status")).toHaveText("Results: 1");
  await expect(page.getByRole("heading", { name: "Pixelrand Games OÜ" })).toBeVisible();
});

test("on a phone the results come first, and the filters open from one control that counts them", async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/en/directory?municipality=narva");
  await waitForHydration(page);
  const fold = page.getByText("Filters (1)", { exact: true });
  const municipality = page.getByRole("combobox", { name: "Municipality or county" });
  await expect(fold).toBeVisible();
  await expect(municipality).toBeHidden();
  await expect(page.getByRole("status")).toHaveText("Results: 9");
  await expect(page.getByRole("status")).toBeInViewport();

  // With the keyboard: open the fold, choose, and it stays open as the results follow.
  await fold.focus();
  await page.keyboard.press("Enter");
  await expect(municipality).toBeVisible();
  await page.getByRole("checkbox", { name: /Cluster members only/ }).check();
  await expect(page.getByRole("status")).toHaveText("Results: 8");
  await expect(page.getByText("Filters (2)", { exact: true })).toBeVisible();
  await expect(municipality).toBeVisible();
  await page.getByText("Filters (2)", { exact: true }).click();
  await expect(municipality).toBeHidden();
});

test("without JavaScript the same URL shows the same results, and the form still searches", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/ru/directory?q=narva&language=en");
  await expect(page.getByRole("status")).toHaveText("Найдено: 7");
  await expect(page.getByRole("heading", { name: "Narva Valguskoda OÜ" })).toBeVisible();

  await page.getByRole("searchbox").fill("muusika");
  await page.getByRole("button", { name: "Искать" }).click();
  // The form keeps the language filter of the URL it came from.
  // A plain GET form also sends the empty fields; the server reads them as absent.
  await expect(page).toHaveURL(/q=muusika.*&language=en/);
  await expect(page.getByRole("heading", { name: "Jõesuu Rannafestivali MTÜ" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Jõhvi Helistuudio" })).toHaveCount(0);
  await context.close();
});

test("a result opens its profile, whose sectors lead back to a filtered search", async ({ page }) => {
  await page.goto("/en/directory?q=keraamika");
  await waitForHydration(page);
  await page.getByRole("link", { name: "Toila Keraamikatöökoda" }).click();

  await expect(page).toHaveURL(/\/en\/directory\/toila-keraamika$/);
  await expect(page.getByRole("heading", { level: 1, name: "Toila Keraamikatöökoda" })).toBeVisible();
  await expect(page).toHaveTitle(/^Toila Keraamikatöökoda · /);
  await expect(page.getByRole("link", { name: "info@toila-keraamika.example" })).toHaveAttribute(
    "href",
    "mailto:info@toila-keraamika.example",
  );
  // Russian is missing for this entry: the page says which language it shows instead.
  await page.getByRole("navigation", { name: "Language" }).getByRole("link", { name: "Русский" }).click();
  await expect(page).toHaveURL(/\/ru\/directory\/toila-keraamika$/);
  await expect(page.getByText("(показано на эстонском)").first()).toBeVisible();

  await page.getByRole("link", { name: "Дизайн" }).click();
  await expect(page).toHaveURL(/\/ru\/directory\?sector=design$/);
  await expect(page.getByRole("combobox", { name: "Сфера" })).toHaveValue("design");
});
