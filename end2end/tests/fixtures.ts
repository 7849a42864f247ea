import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import { waitForHydration } from "./helpers";

export { expect };
export type { Page } from "@playwright/test";

/** Pages already checked in this run, by path and the names of their query parameters. */
const checked = new Set<string>();

/**
 * The suite's `test`: after each test, every page of the site the test opened (an HTML page
 * answered 200 in the main frame) is opened again in the test's browser context, signed in as
 * the test was, and checked with axe-core; any violation fails the test. A page is checked once
 * per run for each set of query parameter names (one directory search stands for all).
 */
export const test = base.extend<{ accessible: void }>({
  accessible: [
    async ({ page, context, baseURL, javaScriptEnabled }, use) => {
      const visited = new Map<string, string>();
      page.on("response", (response) => {
        const request = response.request();
        const html = (response.headers()["content-type"] ?? "").startsWith("text/html");
        if (!request.isNavigationRequest() || response.status() !== 200 || !html) return;
        if (request.frame() !== page.mainFrame()) return;
        const url = new URL(response.url());
        if (url.origin !== new URL(baseURL!).origin) return;
        const key = url.pathname + "?" + [...new Set(url.searchParams.keys())].sort().join("&");
        if (!checked.has(key)) visited.set(key, url.pathname + url.search);
      });
      const panics = watchForPanics(page);
      await use();
      expect(panics, "the wasm panicked").toEqual([]);
      // axe runs as a script: a test without JavaScript has its pages checked by the others.
      if (!javaScriptEnabled) return;
      for (const [key, path] of visited) {
        if (checked.has(key)) continue;
        checked.add(key);
        await expectAccessible(context, path);
      }
    },
    { auto: true },
  ],
});

/**
 * The first line of every panic of the wasm on `page` from now on, hydration mismatches among
 * them: the page goes on as the server sent it, so nothing else may show that it failed.
 */
function watchForPanics(page: Page): string[] {
  const panics: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    if (message.type() === "error" && /panicked at|hydration error/.test(text)) {
      panics.push(`${page.url()}: ${text.split("\n").slice(0, 2).join(" ")}`);
    }
  });
  return panics;
}

/**
 * Opens `path` in a new page of `context`, once hydrated, and expects no axe-core violation,
 * and no panic of the wasm on the way.
 */
export async function expectAccessible(context: BrowserContext, path: string) {
  const page = await context.newPage();
  const panics = watchForPanics(page);
  try {
    await page.goto(path);
    await waitForHydration(page);
    const { violations } = await new AxeBuilder({ page })
      // Off by default in axe-core (experimental): WCAG 2.5.3, a control's name holds its text.
      .options({ rules: { "label-content-name-mismatch": { enabled: true } } })
      .analyze();
    const found = violations.map(
      (violation) =>
        `${violation.id} (${violation.help}): ` +
        violation.nodes
          .slice(0, 5)
          .map((node) => node.target.join(" "))
          .join(", "),
    );
    expect(found, `axe-core on ${path}`).toEqual([]);
    expect(panics, `the wasm on ${path}`).toEqual([]);
  } finally {
    await page.close();
  }
}
