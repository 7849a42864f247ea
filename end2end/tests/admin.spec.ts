import { expect, test } from "./fixtures";
import { ADMIN, COORDINATOR, FORGETFUL, linkIn, mailTo, signIn, submitSignIn, waitForHydration } from "./helpers";

test("the coordinator signs in, sees the dashboard, signs out, and going back shows nothing private", async ({
  page,
}) => {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));

  // A private page first: the sign-in page, and back to it afterwards.
  await page.goto("/en/admin/audit");
  await expect(page).toHaveURL(/\/en\/login\?next=%2Fen%2Fadmin%2Faudit$/);
  await waitForHydration(page);
  await page.getByLabel("Email").fill(COORDINATOR.email);
  await page.getByLabel("Email").press("Tab");
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.keyboard.type(COORDINATOR.password);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/en\/admin\/audit$/);
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Signed in login.succeeded" }).first()).toBeVisible();

  const adminNav = page.getByRole("navigation", { name: "Administration" });
  await adminNav.getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(page.getByText(`Signed in as ${COORDINATOR.email}`)).toBeVisible();
  await expect(adminNav.getByRole("link", { name: "Accounts" })).toHaveCount(0);
  const published = page.getByRole("definition").first();
  await expect(published).toHaveText(/^\d+$/);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/en\/login\?signed_out=1$/);
  await expect(page.getByRole("status")).toHaveText("You have signed out.");

  await page.goBack();
  await expect(page).toHaveURL(/\/en\/login/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toHaveCount(0);
  await page.goto("/en/admin");
  await expect(page).toHaveURL(/\/en\/login\?next=%2Fen%2Fadmin$/);

  // Going back asks for the dashboard's figures once more, which the server refuses (401) while
  // the page turns to the sign-in form; anything else in the console is a fault.
  const refused = "Failed to load resource: the server responded with a status of 401 (Unauthorized)";
  expect(problems.filter((problem) => problem !== refused)).toEqual([]);
});

test("a wrong password is told plainly and the email stays typed", async ({ page }) => {
  await submitSignIn(page, { email: "nobody@ivek.example", password: "not the right one" });
  await expect(page.getByRole("alert")).toHaveText("Wrong email or password.");
  await expect(page.getByLabel("Email")).toHaveValue("nobody@ivek.example");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
});

test("the admin invites a coordinator, who chooses a password from the mailed link, then disables it", async ({
  page,
  browser,
}) => {
  await signIn(page, ADMIN);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Accounts" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Accounts" })).toBeVisible();

  const email = `new-${Date.now()}@ivek.example`;
  const form = page.getByRole("group", { name: "Add an account" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption({ label: "Coordinator" });
  await form.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status")).toHaveText(`An invitation has been sent to ${email}.`);
  await expect(page.getByRole("rowheader", { name: email })).toBeVisible();

  // The same email again is refused next to the field.
  await form.getByLabel("Email").fill(email.toUpperCase());
  await form.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText("An account with this email already exists.")).toBeVisible();
  await expect(form.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");

  // The newcomer opens the link in the invitation and chooses a password.
  const invitation = await mailTo(email, "Your invitation to the Ida-Viru Creative Cluster's platform");
  expect(invitation.text).toContain(`${ADMIN.email} invites you`);
  const other = await browser.newContext();
  const newcomer = await other.newPage();
  await newcomer.goto(linkIn(invitation, "/en/new-password"));
  await waitForHydration(newcomer);
  const password = "Kohtla-Järve kaevandusmuuseum";
  await newcomer.getByLabel("New password", { exact: true }).fill(password);
  await newcomer.getByLabel("New password again").fill(password);
  await newcomer.getByRole("button", { name: "Save the new password" }).click();
  await expect(newcomer.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await signIn(newcomer, { email, password });
  await expect(newcomer.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();

  await page.getByRole("button", { name: `Disable ${email}` }).click();
  await expect(page.getByRole("row", { name: new RegExp(email) })).toContainText("Disabled");

  await newcomer.reload();
  await expect(newcomer).toHaveURL(/\/en\/login\?next=%2Fen%2Fadmin$/);
  await other.close();
});

test("a coordinator who forgot the password sets a new one from the mailed link", async ({ page }) => {
  await page.goto("/en/login");
  await waitForHydration(page);
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reset your password" })).toBeVisible();
  await page.getByLabel("Email").fill(FORGETFUL.email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("status")).toContainText("If this address has an account, the link is on its way.");

  const mail = await mailTo(FORGETFUL.email, "Resetting your password");
  const link = linkIn(mail, "/en/new-password");
  await page.goto(link);
  await waitForHydration(page);
  const password = `Sillamäe sadam ${Date.now()}`;
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("New password again").fill(password);
  await page.getByRole("button", { name: "Save the new password" }).click();
  await expect(page.getByText("Your password is changed and every earlier sign-in ended.")).toBeVisible();
  await signIn(page, { email: FORGETFUL.email, password });
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();

  // The link worked once.
  await page.goto(link);
  await expect(page.getByRole("alert")).toHaveText("This link has expired or has been used already. Ask for a new one.");
  await expect(page.getByRole("link", { name: "Ask for a new link" })).toBeVisible();
});

test("changing the password shows each problem beside its field", async ({ page }) => {
  await signIn(page, COORDINATOR);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await page.getByRole("link", { name: "Change password" }).click();
  await page.getByLabel("Current password").fill(COORDINATOR.password);
  await page.getByLabel("New password", { exact: true }).fill("too short");
  await page.getByLabel("New password again").fill("too short");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("The password is too short: at least 12 characters.")).toBeVisible();
  await expect(page.getByLabel("New password", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Current password")).toHaveValue(COORDINATOR.password);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("signing in and out still works", async ({ page }) => {
    await page.goto("/et/login?next=%2Fet%2Fadmin%2Fpassword");
    await page.getByLabel("E-post").fill(COORDINATOR.email);
    await page.getByLabel("Parool").fill("vale parool siin");
    await page.getByRole("button", { name: "Logi sisse" }).click();
    await expect(page.getByRole("alert")).toHaveText("Vale e-post või parool.");

    await page.getByLabel("E-post").fill(COORDINATOR.email);
    await page.getByLabel("Parool").fill(COORDINATOR.password);
    await page.getByRole("button", { name: "Logi sisse" }).click();
    await expect(page).toHaveURL(/\/et\/admin\/password$/);
    await expect(page.getByRole("heading", { level: 1, name: "Muuda parooli" })).toBeVisible();
    await page.getByRole("button", { name: "Logi välja" }).click();
    await expect(page).toHaveURL(/\/et\/login\?signed_out=1$/);
  });
});

test("the coordinator cancels an event and publishes it again, and the public page follows each step", async ({
  page,
}) => {
  await signIn(page, COORDINATOR);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Events" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Events" })).toBeVisible();
  await page.getByLabel("Search the titles").fill("funding");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/q=funding/);
  const row = page.getByRole("row", { name: /Funding your creative project/ });
  await expect(row).toContainText("Published");

  await row.getByRole("button", { name: "Cancel event: Funding your creative project" }).click();
  await expect(row).toContainText("Cancelled");
  const publicPage = await page.context().newPage();
  await publicPage.goto("/en/events/koolitus-rahastus");
  await expect(publicPage.getByText("This event has been cancelled.")).toBeVisible();

  await row.getByRole("button", { name: "Publish again: Funding your creative project" }).click();
  await expect(row).toContainText("Published");
  await publicPage.reload();
  await expect(publicPage.getByRole("heading", { level: 1, name: "Funding your creative project" })).toBeVisible();
  await expect(publicPage.getByText("This event has been cancelled.")).toHaveCount(0);

  await row.getByRole("link", { name: /^\d+( \/ \d+)? .*– Registrations: Funding your creative project/ }).click();
  await expect(page.getByRole("heading", { name: /^Registrations/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Download (CSV)" })).toBeVisible();
});
