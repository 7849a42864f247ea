import { expect, test } from "./fixtures";
import { waitForHydration } from "./helpers";

test("the switcher keeps the page and its query string", async ({ page }) => {
  await page.goto("/et/about?from=newsletter");
  await waitForHydration(page);

  const switcher = page.getByRole("navigation", { name: "Keel" });
  await switcher.getByRole("link", { name: "Русский" }).click();

  await expect(page).toHaveURL(/\/ru\/about\?from=newsletter$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("О нас");
  await expect(page.getByRole("navigation", { name: "Главное меню" }).getByRole("link", { name: "О нас" })).toBeVisible();
  // The other languages now point at this page too.
  await expect(page.getByRole("navigation", { name: "Язык" }).getByRole("link", { name: "English" })).toHaveAttribute(
    "href",
    "/en/about?from=newsletter",
  );
});

test("the switcher works without JavaScript as plain links", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/en/about");
  await page.getByRole("navigation", { name: "Language" }).getByRole("link", { name: "Eesti" }).click();

  await expect(page).toHaveURL(/\/et\/about$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Meist");
  await context.close();
});

test("after hydration the switcher remembers the choice for the site's front door", async ({ page, context }) => {
  await page.goto("/et");
  await waitForHydration(page);
  await page.getByRole("navigation", { name: "Keel" }).getByRole("link", { name: "English" }).click();
  await expect(page).toHaveURL(/\/en$/);

  // The cookie is set by the hydrated click handler, not by the server.
  const cookies = await context.cookies();
  expect(cookies.find((c) => c.name === "lang")?.value).toBe("en");

  await page.goto("/");
  await expect(page).toHaveURL(/\/en$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Creative business in Ida-Viru County");
});

test("the keyboard reaches the skip link first and it moves focus to the content", async ({ page }) => {
  await page.goto("/en/about");
  // After hydration: the client-side router must not swallow the in-page jump.
  await waitForHydration(page);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
});
