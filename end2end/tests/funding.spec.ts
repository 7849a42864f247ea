import { expect, type Page, test } from "./fixtures";
import { COORDINATOR, linkIn, mailTo, signIn, waitForHydration } from "./helpers";

test("the coordinator adds a call with a rule deadline and it reaches the board and a matching profile", async ({
  page,
}) => {
  const title = `Mängude prototüüpide toetus ${Date.now()}`;
  await signIn(page, COORDINATOR);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Funding calls" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Funding calls" })).toBeVisible();
  await page.getByRole("link", { name: "New call" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New call" })).toBeVisible();
  await waitForHydration(page);

  await page.getByLabel("Funder", { exact: true }).fill("Ida-Viru Maakonna Arenduskeskus");
  await page.getByLabel("Title (Estonian)").fill(title);
  await page.getByLabel("Summary (English)").fill("Small grants for game prototypes made in Ida-Viru County.");
  // A deadline the clocks skip is refused beside its field once it is left, with the reason.
  const deadlines = page.getByLabel(/^Deadlines, one a line/);
  await deadlines.fill("2027-03-28 03:30");
  await deadlines.blur();
  await expect(deadlines).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("This time does not exist in Tallinn")).toBeVisible();
  await deadlines.fill("");
  await page.getByLabel("Every year on").fill("15.03 15.09");
  await page.getByLabel("At", { exact: true }).fill("16:00");
  await page.getByRole("group", { name: "Sectors" }).getByRole("checkbox", { name: /^Games/ }).check();
  await page.getByRole("group", { name: "Who may apply" }).getByRole("checkbox", { name: "Company" }).check();
  await page.getByLabel("Amount at most (€)").fill("3000");
  // Once nothing is refused, the preview shows the call as the public will see it.
  const preview = page.getByRole("region", { name: "Preview of the public page" });
  await expect(preview.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(preview.getByText(/until 16:00 \(EE/).first()).toBeVisible();
  await page.getByRole("button", { name: "Publish as open" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit call" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();

  // The public board from the site's menu (the browser asks for it without any filter), then
  // filtered the way a games company would.
  await page.goto("/en");
  await waitForHydration(page);
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Funding" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Funding opportunities" })).toBeVisible();
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await page.goto("/en/funding?sector=games&kind=company");
  await expect(page.getByRole("heading", { level: 1, name: "Funding opportunities" })).toBeVisible();
  const card = page.getByRole("article").filter({ hasText: title });
  await expect(card).toContainText("Ida-Viru Maakonna Arenduskeskus");
  await expect(card).toContainText("up to €3,000");
  await expect(card.getByText(/until 16:00 \(EE/)).toBeVisible();

  // A games company in Kohtla-Järve sees it on its own profile, and the board for it.
  await page.goto("/en/directory/ida-viru-mangulabor");
  const calls = page.getByRole("region", { name: "Calls it may apply to" });
  await expect(calls.getByRole("link", { name: title })).toBeVisible();
  await calls.getByRole("link", { name: "All matching calls" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Calls Mängulabor OÜ may apply to" })).toBeVisible();
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("Every year on 15 Mar, 15 Sep at 16:00")).toBeVisible();
});

async function chooseTime(page: Page, index: number | "last") {
  await page.goto("/en/counselling");
  await expect(page.getByRole("heading", { level: 1, name: "Counselling" })).toBeVisible();
  await waitForHydration(page);
  const times = page.getByRole("radio");
  const time = index === "last" ? times.last() : times.nth(index);
  await time.check();
  return time;
}

test("a person books a consultation, gets it by mail and cancels it from the link", async ({ page }) => {
  const email = `nouanne-${Date.now()}@ivek.example`;
  await chooseTime(page, 0);
  await page.getByLabel("Name").fill("Olga Smirnova");
  await page.getByLabel("Organisation (optional)").fill("Mängulabor OÜ");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("What would you like to talk about? (optional)").fill("The Endowment's next round");
  await page.getByRole("button", { name: "Book" }).click();
  await expect(page.getByRole("status").filter({ hasText: `went to ${email}` })).toBeVisible();

  const mail = await mailTo(email, /^Consultation /);
  expect(mail.attachments.map((a) => a.contentType)).toContainEqual(expect.stringContaining("text/calendar"));
  await page.goto(linkIn(mail, "/en/counselling/"));
  await expect(page.getByRole("heading", { level: 1, name: "Your consultation" })).toBeVisible();
  await waitForHydration(page);
  await page.getByRole("button", { name: "Cancel the booking" }).click();
  await expect(page.getByRole("status")).toHaveText("This booking is cancelled.");
  await mailTo(email, /cancelled$/);
});

test("two people booking the last free time at once get one yes and one clear no", async ({ browser }) => {
  const first = await browser.newPage();
  const second = await browser.newPage();
  for (const [n, page] of [first, second].entries()) {
    await chooseTime(page, "last");
    await page.getByLabel("Name").fill(`Person ${n}`);
    await page.getByLabel("Email").fill(`viimane-${n}-${Date.now()}@ivek.example`);
  }
  await Promise.all([
    first.getByRole("button", { name: "Book" }).click(),
    second.getByRole("button", { name: "Book" }).click(),
  ]);
  const booked = (page: Page) => page.getByRole("status").filter({ hasText: "Booked." });
  const refused = (page: Page) => page.getByRole("alert").filter({ hasText: "Someone booked this time just before you" });
  await expect(booked(first).or(refused(first))).toBeVisible();
  await expect(booked(second).or(refused(second))).toBeVisible();
  const yes = (await booked(first).isVisible() ? 1 : 0) + (await booked(second).isVisible() ? 1 : 0);
  const no = (await refused(first).isVisible() ? 1 : 0) + (await refused(second).isVisible() ? 1 : 0);
  expect([yes, no]).toEqual([1, 1]);
  // What was typed stays for the one refused, to choose another time.
  const loser = (await refused(first).isVisible()) ? first : second;
  await expect(loser.getByLabel("Name")).not.toHaveValue("");
});
