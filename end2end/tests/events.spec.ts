import { expect, test } from "./fixtures";
import { linkIn, mailTo, waitForHydration } from "./helpers";

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
  // The demo network meets every month: a month with no event would prove nothing.
  expect(withEvents).toBeGreaterThan(0);
  expect(visible).toBe(withEvents);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(380);
});

test("registration fills the places, then the waiting list, and a cancellation moves the first waiting up", async ({
  page,
}) => {
  const register = async (name: string, email: string, placesLeft: number) => {
    await page.goto("/en/events/noustamine-johvi");
    await waitForHydration(page);
    await expect(page.getByText(`${placesLeft} of 2 places left`)).toBeVisible();
    const form = page.getByRole("region", { name: "Register" });
    await form.getByLabel("Name", { exact: true }).fill(name);
    await form.getByLabel("Email", { exact: true }).fill(email);
    await form.getByLabel("I agree that the organiser uses my name and email to run this event.").check();
    await form.getByRole("button", { name: "Register" }).click();
    // The place, or the place on the waiting list, goes by mail with the private link: the
    // answer is the same for everyone, so it tells no one who else is registered.
    const status = page.getByRole("status");
    await expect(status).toContainText("Thank you! Your registration is received.");
    await expect(status).toContainText(`We have sent a confirmation to ${email}`);
  };
  for (const n of [1, 2, 3]) {
    await register(`Person ${n}`, `person${n}@ivek.example`, Math.max(3 - n, 0));
  }
  // The same email again looks just the same, and stores nothing.
  await register("Person 1 again", "person1@ivek.example", 0);
  await page.goto("/en/events/noustamine-johvi");
  await expect(page.getByText("0 of 2 places left")).toBeVisible();

  // Each registrant's mail arrives: the place or the waiting list, the event for a calendar,
  // and the private link.
  const subject = "Registration: Counselling for creative entrepreneurs in Jõhvi";
  const first = await mailTo("person1@ivek.example", subject);
  expect(first.text).toContain("you are registered for");
  expect(first.attachments).toEqual([
    { filename: "event.ics", contentType: "text/calendar" },
    { filename: "check-in.png", contentType: "image/png" },
  ]);
  const third = await mailTo("person3@ivek.example", subject);
  expect(third.text).toContain("you are number 1 on the waiting list");
  expect(third.attachments).toEqual([]);

  await page.goto(linkIn(first, "/en/registration/"));
  await waitForHydration(page);
  await expect(page.getByRole("definition").filter({ hasText: "Registered" })).toBeVisible();
  await page.getByRole("button", { name: "Cancel my registration" }).click();
  await expect(page.getByRole("status")).toHaveText("Your registration has been cancelled.");

  // The first waiting has the place, and hears of it by mail.
  const movedUp = await mailTo("person3@ivek.example", "A place for you: Counselling for creative entrepreneurs in Jõhvi");
  await page.goto(linkIn(movedUp, "/en/registration/"));
  await expect(page.getByRole("definition").filter({ hasText: /^Registered$/ })).toBeVisible();
});
