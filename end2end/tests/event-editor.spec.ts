import { expect, test, type Page } from "./fixtures";
import { COORDINATOR, signIn, waitForHydration } from "./helpers";

/** The feed's entry (unfolded) that has the line `line` (`SUMMARY:…`, `UID:…`). */
async function feedEntry(page: Page, line: string): Promise<string> {
  const response = await page.request.get("/calendar.ics?lang=en");
  expect(response.status()).toBe(200);
  const text = (await response.text()).replace(/\r\n[ \t]/g, "");
  const entry = text.split("BEGIN:VEVENT").find((block) => block.includes(`${line}\r\n`));
  expect(entry, `an entry with ${line} in the feed`).toBeDefined();
  return entry!;
}

test("the coordinator creates, publishes, edits and cancels an event, and the public page and feed follow", async ({
  page,
}) => {
  // A panic in the browser would leave the page frozen; none may happen.
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  await signIn(page, COORDINATOR);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await page.goto("/en/admin/events");
  await waitForHydration(page);
  await page.getByRole("link", { name: "New event", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New event" })).toBeVisible();
  await waitForHydration(page);

  // A new form opens calm: a problem shows beside its field once the field is left, before
  // any save, and not beside the fields not yet visited.
  // (blur: Tab would only move between the parts of a date or time field)
  await page.getByLabel("Starts on").focus();
  await page.getByLabel("Starts on").blur();
  await expect(page.getByLabel("Starts on")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("This field is required.")).toHaveCount(1);
  await expect(page.getByLabel("Title (English)")).toHaveAttribute("aria-invalid", "false");
  await page.getByLabel("Type of event").selectOption({ label: "Training" });
  await page.getByLabel("Title (English)").fill("Glazing workshop");
  await page.getByLabel("Starts on").fill("2030-03-31");
  await page.getByLabel("Start time").fill("03:30");
  await page.getByLabel("Start time").blur();
  await expect(page.getByText("This time does not exist in Tallinn: that night the clocks jump from 03:00 to 04:00.")).toBeVisible();
  await expect(page.getByLabel("Start time")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Start time").fill("10:00");
  await page.getByLabel("End time").fill("09:00");
  await page.getByLabel("End time").blur();
  await expect(page.getByText("The end must be after the start.")).toBeVisible();
  await page.getByLabel("End time").fill("12:00");
  await page.getByLabel("Online link").fill("meet at the usual place");
  await page.getByLabel("Online link").blur();
  await expect(page.getByText("This is not a web address (https://…).")).toBeVisible();
  await page.getByLabel("Online link").fill("https://meet.example/glazing");
  await page.getByLabel("Venue").fill("Narva Kolledž");
  await page.getByLabel("Places").fill("-3");
  await page.getByLabel("Places").blur();
  await expect(page.getByText("Give a whole number, 0 or more.")).toBeVisible();
  await page.getByLabel("Places").fill("12");
  await page.getByLabel("Registration", { exact: true }).selectOption("open");

  // With no problem left, the preview shows the public page.
  const preview = page.getByRole("region", { name: "Preview of the public page" });
  await expect(preview.getByRole("heading", { name: "Glazing workshop" })).toBeVisible();
  await expect(preview.getByText("12 of 12 places left")).toBeVisible();
  // On this wide screen (1280 px) it stands beside the form, not below it.
  const field = (await page.getByLabel("Title (English)").boundingBox())!;
  const beside = (await preview.boundingBox())!;
  expect(beside.x).toBeGreaterThanOrEqual(field.x + field.width);
  await expect(preview.getByText(/31 Mar 2030, 10:00–12:00 \(Tallinn time, EEST\)/)).toBeVisible();

  await page.getByRole("button", { name: "Save and publish" }).click();
  await expect(page).toHaveURL(/\/en\/admin\/events\/\d+\/edit\?saved=0$/);
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(page.getByText(/^Published ·/)).toBeVisible();
  const publicHref = (await page.getByRole("link", { name: "Public page" }).getAttribute("href"))!;
  expect(publicHref).toMatch(/^\/en\/events\/glazing-workshop(-\d+)?$/);

  const visitor = await page.context().browser()!.newPage();
  await visitor.goto(publicHref);
  await expect(visitor.getByRole("heading", { level: 1, name: "Glazing workshop" })).toBeVisible();
  await expect(visitor.getByText("12 of 12 places left")).toBeVisible();
  let entry = await feedEntry(visitor, "SUMMARY:Glazing workshop");
  expect(entry).toContain("DTSTART;TZID=Europe/Tallinn:20300331T100000");
  expect(entry).toContain("SEQUENCE:0");
  const uid = entry.match(/UID:(.*)\r\n/)![1];

  // An edit: the public page and the feed follow, with the same UID and a higher SEQUENCE.
  await waitForHydration(page);
  await page.getByLabel("Title (English)").fill("Glazing workshop for beginners");
  await page.getByLabel("Start time").fill("11:00");
  await page.getByLabel("End time").fill("13:00");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page).toHaveURL(/saved=1$/);
  await expect(page.getByLabel("Title (English)")).toHaveValue("Glazing workshop for beginners");
  await visitor.reload();
  await expect(visitor.getByRole("heading", { level: 1, name: "Glazing workshop for beginners" })).toBeVisible();
  await expect(visitor.getByText(/11:00–13:00/)).toBeVisible();
  entry = await feedEntry(visitor, `UID:${uid}`);
  expect(entry).toContain("SUMMARY:Glazing workshop for beginners");
  expect(entry).toContain("DTSTART;TZID=Europe/Tallinn:20300331T110000");
  expect(entry).toContain("SEQUENCE:1");

  // Cancelled: it stays on its page and in the feed, marked so.
  await page.goto("/en/admin/events?q=glazing");
  await waitForHydration(page);
  const row = page.getByRole("row", { name: /Glazing workshop for beginners/ });
  await row.getByRole("button", { name: "Cancel event: Glazing workshop for beginners" }).click();
  await expect(row).toContainText("Cancelled");
  await visitor.reload();
  await expect(visitor.getByText("This event has been cancelled.")).toBeVisible();
  entry = await feedEntry(visitor, `UID:${uid}`);
  expect(entry).toContain("STATUS:CANCELLED");
  expect(entry).toContain("SEQUENCE:2");

  // The audit log tells each step.
  await page.goto("/en/admin/audit");
  await expect(page.getByRole("cell", { name: "Event created" }).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: "Event edited" }).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: "Event cancelled" }).first()).toBeVisible();
  await visitor.close();
  expect(problems).toEqual([]);
});

test("a save the server refuses keeps the form as typed, and leaving with unsaved changes asks first", async ({
  page,
}) => {
  await signIn(page, COORDINATOR);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();

  // The month view: clicking a day starts a new event on that date.
  await page.goto("/en/admin/events?view=month&month=2030-04");
  await waitForHydration(page);
  await page.getByRole("link", { name: "New event on Wed 10 Apr 2030" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New event" })).toBeVisible();
  await expect(page.getByLabel("Starts on")).toHaveValue("2030-04-10");
  await waitForHydration(page);

  await page.getByLabel("Title (Russian)").fill("Мастер-класс по керамике");
  await page.getByLabel("Start time").fill("18:00");
  await page.getByRole("button", { name: "Save as draft" }).click();
  await expect(page.getByRole("alert")).toHaveText("Not saved: please correct the marked fields.");
  await expect(page.getByText("This field is required.").first()).toBeVisible();
  await expect(page.getByLabel("Title (Russian)")).toHaveValue("Мастер-класс по керамике");
  await expect(page.getByLabel("Start time")).toHaveValue("18:00");
  await expect(page).toHaveURL(/\/admin\/events\/new/);

  // Leaving by a link asks; saying no stays with everything typed.
  let asked = "";
  page.once("dialog", (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Events" }).click();
  expect(asked).toBe("You have unsaved changes. Leave this page anyway?");
  await expect(page).toHaveURL(/\/admin\/events\/new/);
  await expect(page.getByLabel("Title (Russian)")).toHaveValue("Мастер-класс по керамике");

  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Events" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Events" })).toBeVisible();
});

test("the coordinator cancels one date of a series and restores it, and the public page follows", async ({ page }) => {
  await signIn(page, COORDINATOR);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await page.goto("/en/admin/events?q=network");
  await waitForHydration(page);
  await page.getByRole("link", { name: "Creative Cluster network meeting", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit event" })).toBeVisible();
  await waitForHydration(page);

  const dates = page.getByRole("region", { name: "Dates of the series" });
  const last = dates.getByRole("listitem").last();
  const when = (await last.locator(".series-editor__when").textContent())!;
  await last.getByRole("button", { name: `Cancel this date: ${when}` }).click();
  await expect(page).toHaveURL(/saved=\d+$/);
  const cancelled = page.getByRole("region", { name: "Dates of the series" }).getByRole("listitem").last();
  await expect(cancelled.getByText("Cancelled", { exact: true })).toBeVisible();

  const visitor = await page.context().browser()!.newPage();
  await visitor.goto("/en/events/vorgustiku-kohtumine");
  const listed = visitor.getByRole("region", { name: "Next dates" }).getByRole("listitem").filter({ hasText: when });
  await expect(listed.getByText("Cancelled", { exact: true })).toBeVisible();

  await waitForHydration(page);
  await cancelled.getByRole("button", { name: `Restore: ${when}` }).click();
  await expect(page.getByRole("region", { name: "Dates of the series" }).getByRole("listitem").last().getByText("Cancelled", { exact: true })).toHaveCount(0);
  await visitor.reload();
  await expect(listed.getByText("Cancelled", { exact: true })).toHaveCount(0);
  await visitor.close();
});
