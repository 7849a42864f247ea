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
