import { expect, test, type Page } from "./fixtures";
import { ADMIN, signIn } from "./helpers";

// Every public and coordinator page in the three languages, opened so that the suite's fixture
// (fixtures.ts) checks each with axe-core; the demo data gives each kind of page content.
const LANGS = ["et", "ru", "en"];

/** The last segment of the first link in `path`'s main content that matches `pattern`. */
async function firstLink(page: Page, path: string, pattern: RegExp): Promise<string> {
  await page.goto(path);
  const hrefs = await page.locator("main a[href]").evaluateAll((links) =>
    links.map((link) => link.getAttribute("href") ?? ""),
  );
  const found = hrefs.find((href) => pattern.test(href));
  expect(found, `a link like ${pattern} on ${path}`).toBeTruthy();
  return found!.split("/").pop()!;
}

test("the public pages in three languages have no axe-core violations", async ({ page }) => {
  test.setTimeout(300_000);
  const profile = await firstLink(page, "/et/directory", /^\/et\/directory\/[a-z0-9-]+$/);
  const event = await firstLink(page, "/et/events", /^\/et\/events\/[a-z0-9-]+$/);
  const call = await firstLink(page, "/et/funding", /^\/et\/funding\/[a-z0-9-]+$/);
  for (const lang of LANGS) {
    for (const path of [
      "",
      "/about",
      "/directory",
      "/directory?q=disain&sector=design",
      `/directory/${profile}`,
      "/events",
      "/events?view=month",
      `/events/${event}`,
      "/funding",
      `/funding/${call}`,
      "/counselling",
      "/join",
      "/login",
      "/forgot-password",
      "/newsletter",
      "/newsletter/archive",
    ]) {
      const answer = await page.goto(`/${lang}${path}`);
      expect(answer?.status(), `/${lang}${path}`).toBe(200);
    }
  }
});

test("the coordinator's pages in three languages have no axe-core violations", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, ADMIN);
  await expect(page).toHaveURL(/\/en\/admin$/);
  const id = await firstLink(page, "/en/admin/events", /^\/en\/admin\/events\/\d+$/);
  for (const lang of LANGS) {
    for (const path of [
      "",
      "/accounts",
      "/applications",
      "/outbox",
      "/newsletter",
      "/funding",
      "/funding/new",
      "/counselling",
      "/owners",
      "/audit",
      "/directory",
      "/directory/files",
      "/directory/new",
      "/events",
      "/events/new",
      `/events/${id}`,
      `/events/${id}/edit`,
      "/password",
    ]) {
      const answer = await page.goto(`/${lang}/admin${path}`);
      expect(answer?.status(), `/${lang}/admin${path}`).toBe(200);
    }
  }
});
