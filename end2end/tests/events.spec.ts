import { expect, test } from "@playwright/test";
import { waitForHydration } from "./helpers";

test("the calendar filters by type, switches to a month and opens an event", async ({ page }) => {
  await page.goto("/en/events");
  await waitForHydration(page);
  await expect(page.getByRole("heading", { level: 1, name: "Events" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Creative Cluster network meeting" }).first()).toBeVisible();

  await page.getByLabel("Type of event").selectOption({ label: "Training" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/type=training/);
  await expect(page.getByRole("link", { name: "Creative Cluster network meeting" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Subscribe to the calendar (iCalendar)" })).toHaveAttribute(
    "href",
    "/calendar.ics?lang=en&type=training",
  );

  await page.getByRole("link", { name: "Month", exact: true }).click();
  await expect(page).toHaveURL(/view=month/);
  const grid = page.getByRole("table");
  await expect(grid.getByRole("columnheader", { name: "Mon" })).toBeVisible();
  // The keyboard reaches the next month and every event in the grid.
  await page.getByRole("link", { name: "Next month →" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/month=\d{4}-\d{2}/);

  await page.goto("/en/events?view=month");
  await waitForHydration(page);
  const meeting = page.getByRole("table").getByRole("link", { name: /Creative Cluster network meeting/ }).first();
  await meeting.focus();
  await expect(meeting).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Creative Cluster network meeting" })).toBeVisible();
  await expect(page.getByText(/Tallinn time, EES?T/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Add to my calendar (.ics)" })).toHaveAttribute(
    "href",
    "/en/events/vorgustiku-kohtumine.ics",
  );
});

test("on a phone the month is an agenda of the days that have events", async ({ page }) => {
  await page.setViewportSize({ width: 380, height: 800 });
  await page.goto("/en/events?view=month");
  const days = page.locator(".month-grid__day");
  const visible = await days.evaluateAll((cells) => cells.filter((c) => getComputedStyle(c).display !== "none").length);
  const withEvents = await page.locator(".month-grid__day:not(.month-grid__day--empty)").count();
  expect(visible).toBe(withEvents);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(380);
});

test("registration fills the places, then the waiting list, and a cancellation moves the first waiting up", async ({
  page,
}) => {
  const links: string[] = [];
  for (const [n, expected] of [
    [1, "You are registered."],
    [2, "You are registered."],
    [3, "The event is full: you are number 1 on the waiting list."],
  ] as const) {
    await page.goto("/en/events/noustamine-johvi");
    await waitForHydration(page);
    await expect(page.getByText(`${Math.max(3 - n, 0)} of 2 places left`)).toBeVisible();
    const form = page.getByRole("region", { name: "Register" });
    await form.getByLabel("Name", { exact: true }).fill(`Person ${n}`);
    await form.getByLabel("Email", { exact: true }).fill(`person${n}@ivek.example`);
    await form.getByLabel("I agree that the organiser uses my name and email to run this event.").check();
    await form.getByRole("button", { name: "Register" }).click();
    const status = page.getByRole("status");
    await expect(status).toContainText(expected);
    links.push((await status.getByRole("link").getAttribute("href"))!);
  }

  // The same email again is told beside the field, and what was typed stays.
  await page.goto("/en/events/noustamine-johvi");
  await waitForHydration(page);
  const form = page.getByRole("region", { name: "Register" });
  await form.getByLabel("Name", { exact: true }).fill("Person 1 again");
  await form.getByLabel("Email", { exact: true }).fill("person1@ivek.example");
  await form.getByLabel("I agree that the organiser uses my name and email to run this event.").check();
  await form.getByRole("button", { name: "Register" }).click();
  await expect(page.getByText("This email is already registered.")).toBeVisible();
  await expect(form.getByLabel("Name", { exact: true })).toHaveValue("Person 1 again");

  await page.goto(links[0]);
  await waitForHydration(page);
  await expect(page.getByRole("definition").filter({ hasText: "Registered" })).toBeVisible();
  await page.getByRole("button", { name: "Cancel my registration" }).click();
  await expect(page.getByRole("status")).toHaveText("Your registration has been cancelled.");

  await page.goto(links[2]);
  await expect(page.getByRole("definition").filter({ hasText: /^Registered$/ })).toBeVisible();
});
