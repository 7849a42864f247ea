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
/** An account whose password a test resets by mail. */
export const FORGETFUL = {
  email: "e2e-forgetful@ivek.example",
  password: "Playwright unustab Narva linnuse",
  role: "coordinator",
};
export const ACCOUNTS = [ADMIN, COORDINATOR, FORGETFUL];

/** Fills in the English sign-in page and sends it with the keyboard, as a person would. */
export async function submitSignIn(page: Page, account: { email: string; password: string }, path = "/en/login") {
  await page.goto(path);
  await waitForHydration(page);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByLabel("Password").press("Enter");
}

/**
 * Signs in, and waits until the coordinator's page it leads to has loaded and hydrated: the
 * sign-in page's (public) bundle has none of the coordinator's pages, so the server sends that
 * page anew, with the coordinator's bundle.
 */
export async function signIn(page: Page, account: { email: string; password: string }, path = "/en/login") {
  await submitSignIn(page, account, path);
  await page.waitForFunction(() => {
    const loaded = performance.getEntriesByType("navigation")[0]?.name ?? "";
    return new URL(loaded).pathname.includes("/admin") && document.body.dataset.hydrated === "true";
  });
}

/** A message the site sent, as the test mail server (`mail-sink.mjs`) wrote it down. */
export type Mail = {
  to: string[];
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string }[];
};

/**
 * The newest message to `address` whose subject matches `subject`, waiting for it to arrive
 * (the site's mailer sends within a second or two of the action).
 */
export async function mailTo(address: string, subject: RegExp | string = /.*/): Promise<Mail> {
  const { readdirSync, readFileSync } = await import("node:fs");
  const folder = process.env.MAIL_DIR ?? "../target/e2e/mail";
  const wanted = address.toLowerCase();
  const matches = (mail: Mail) =>
    mail.to.includes(wanted) && (typeof subject === "string" ? mail.subject === subject : subject.test(mail.subject));
  let found: Mail | undefined;
  await expect
    .poll(
      () => {
        const names = readdirSync(folder, { withFileTypes: true })
          .filter((entry) => entry.isFile() && !entry.name.startsWith("."))
          .map((entry) => entry.name)
          .sort()
          .reverse();
        found = names.map((name) => JSON.parse(readFileSync(`${folder}/${name}`, "utf8")) as Mail).find(matches);
        return found !== undefined;
      },
      { message: `a message to ${address} (${subject})`, timeout: 20_000 },
    )
    .toBe(true);
  return found!;
}

/** The first link in `mail`'s text whose path contains `part`, as a path on the site. */
export function linkIn(mail: Mail, part: string): string {
  const link = mail.text.match(/https?:\/\/\S+/g)?.find((url) => url.includes(part));
  if (!link) throw new Error(`no link with ${part} in: ${mail.text}`);
  const url = new URL(link);
  return url.pathname + url.search;
}
