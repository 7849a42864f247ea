import { expect, test } from "./fixtures";
import { COORDINATOR, linkIn, mailTo, signIn, waitForHydration } from "./helpers";

test("an entry's owner proposes a change from the mailed link and the coordinator approves it", async ({
  page,
  browser,
}) => {
  const owner = `owner-${Date.now()}@ivek.example`;
  await signIn(page, COORDINATOR);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  // An entry no other test reads: the tests share one database.
  await page.goto("/en/admin/directory?q=puidudisain");
  await waitForHydration(page);
  await page.getByRole("link", { name: "Alutaguse Puidudisain OÜ" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit entry" })).toBeVisible();
  await page.getByRole("link", { name: "Owner's check and contact address" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Owner's check: Alutaguse Puidudisain OÜ" })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel("Contact address for the platform's mail (never shown publicly)").fill(owner);
  await page.getByRole("button", { name: "Save the address" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Address saved." })).toBeVisible();
  await page.getByRole("button", { name: "Send the owner a link" }).click();
  await expect(page.getByRole("status").filter({ hasText: `A link has been sent to ${owner}.` })).toBeVisible();

  // The owner, with no account, opens the link from the mail (written in the entry's language).
  const mail = await mailTo(owner, "Kas teie kirje Ida-Viru Loomeklastri kataloogis on õige?");
  expect(mail.text).toContain("„Alutaguse Puidudisain OÜ”");
  const link = linkIn(mail, "/check-entry?token=").replace("/et/", "/en/");
  const ownerContext = await browser.newContext();
  const ownerPage = await ownerContext.newPage();
  await ownerPage.goto(link);
  await waitForHydration(ownerPage);
  await expect(ownerPage.getByRole("heading", { level: 1, name: "Is your entry still right?" })).toBeVisible();
  const form = ownerPage.getByRole("form", { name: "Something has changed" });
  await form.getByLabel("Phone").fill("+372 5550 4321");
  await form.getByLabel("About (English)").fill("Furniture from local wood, made to order.");
  await form.getByRole("button", { name: "Send the changes to the coordinator" }).click();
  await expect(ownerPage.getByRole("status")).toContainText("Thank you! The coordinator will review your changes");
  // Used once, the link says so and offers a new one.
  await ownerPage.goto(link);
  await expect(ownerPage.getByRole("alert")).toHaveText("This link has expired or has been used already. Ask for a new one.");
  await expect(ownerPage.getByRole("button", { name: "Send a new link" })).toBeVisible();
  await ownerContext.close();

  // The coordinator reviews the proposal field by field and approves it.
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Entry checks" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Entries checked by their owners" })).toBeVisible();
  await page.getByRole("link", { name: "Alutaguse Puidudisain OÜ" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Proposed changes: Alutaguse Puidudisain OÜ" })).toBeVisible();
  await waitForHydration(page);
  const phone = page.getByRole("row", { name: /^Phone/ });
  await expect(phone.getByRole("cell").nth(1)).toHaveText("+372 5550 4321");
  await expect(page.getByRole("row", { name: /^About \(English\)/ })).toContainText("Furniture from local wood");
  await page.getByRole("button", { name: "Approve and publish" }).click();
  await expect(page.getByText("Status: Approved")).toBeVisible();

  await page.goto("/en/directory/alutaguse-puidudisain");
  await expect(page.getByText("+372 5550 4321")).toBeVisible();
  await expect(page.getByText("Furniture from local wood, made to order.")).toBeVisible();
  await expect(page.getByText("Confirmed by its owner")).toBeVisible();
  await expect(page.getByText(owner)).toHaveCount(0);
});
