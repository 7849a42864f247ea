import { expect, test } from "./fixtures";
import { COORDINATOR, linkIn, mailTo, signIn, waitForHydration } from "./helpers";

test("the coordinator turns on the funder's questions for an event; a visitor answers them only with consent, sees them on their own page and withdraws them", async ({
  page,
}) => {
  const email = `rahastaja-${Date.now().toString(36)}@example.ee`;
  const setting = /Ask registrants the funder’s questions/;
  const turn = async (on: boolean) => {
    await page.goto("/en/admin/events?q=Creative%20Cluster%20network%20meeting");
    await page.getByRole("link", { name: /Registrations: Creative Cluster network meeting/ }).first().click();
    await waitForHydration(page);
    await page.getByRole("checkbox", { name: setting }).setChecked(on);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("checkbox", { name: setting })).toBeChecked({ checked: on });
  };
  await signIn(page, COORDINATOR);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await turn(true);
  await page.context().clearCookies();

  await page.goto("/en/events/vorgustiku-kohtumine");
  await waitForHydration(page);
  const form = page.getByRole("region", { name: "Register" });
  const questions = form.getByRole("group", { name: "For the funder’s report (optional)" });
  await form.getByLabel("Name", { exact: true }).fill("Rahel Rahastaja");
  await form.getByLabel("Email", { exact: true }).fill(email);
  await form.getByLabel("I agree that the organiser uses my name and email to run this event.").check();
  await questions.getByLabel("Gender", { exact: true }).selectOption({ label: "Woman" });
  await questions.getByLabel("Age", { exact: true }).selectOption({ label: "30–54" });
  await form.getByRole("button", { name: "Register" }).click();
  // Answers without their consent are refused beside it, and nothing typed is lost.
  const consent = questions.getByRole("checkbox", { name: /I agree that these answers are kept/ });
  await expect(consent).toHaveAccessibleDescription("Tick the box to let us keep these answers, or leave them empty.");
  await expect(form.getByLabel("Name", { exact: true })).toHaveValue("Rahel Rahastaja");
  await expect(questions.getByLabel("Age", { exact: true })).toHaveValue("30-54");
  await consent.check();
  await form.getByRole("button", { name: "Register" }).click();
  await expect(page.getByRole("status")).toContainText("Thank you! Your registration is received.");

  // Her own page shows what she answered, and she can take it back.
  await page.goto(linkIn(await mailTo(email), "/registration/"));
  await expect(page.getByRole("heading", { name: "Your answers for the funder’s report" })).toBeVisible();
  await expect(page.getByRole("term").filter({ hasText: "Age" }).locator("xpath=following-sibling::dd[1]")).toHaveText("30–54");
  await waitForHydration(page);
  await page.getByRole("button", { name: "Withdraw my answers" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your answers were deleted." })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Your answers for the funder’s report" })).toHaveCount(0);

  await signIn(page, COORDINATOR);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await turn(false);
  await page.context().clearCookies();
  await page.goto("/en/events/vorgustiku-kohtumine");
  await expect(page.getByRole("group", { name: "For the funder’s report (optional)" })).toHaveCount(0);
});
