import { expect, test } from "./fixtures";
import { COORDINATOR, linkIn, mailTo, signIn, waitForHydration } from "./helpers";

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

test("at the door on a phone the coordinator marks people present (one while offline) and adds a walk-in; afterwards those who came are asked for feedback, answer once, and get certificates; the report counts them", async ({
  page,
  context,
}) => {
  const run = Date.now().toString(36);
  const [aino, boris, cecilia] = ["Aino", "Boris", "Cecilia"].map((first) => `${first} Uksel ${run}`);
  await signIn(page, COORDINATOR);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();

  // Two people registered by the coordinator; the registrant's mail carries the check-in code.
  await page.goto("/en/admin/events?q=Creative%20Cluster%20network%20meeting");
  await page.getByRole("link", { name: /Registrations: Creative Cluster network meeting/ }).first().click();
  for (const [index, name] of [aino, boris].entries()) {
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Email", { exact: true }).fill(`uksel-${run}-${index}@example.ee`);
    // Aino comes from an organisation in the directory, in Jõhvi.
    await page.getByLabel("Organisation (optional)").fill(index === 0 ? "Jõhvi Helistuudio" : "");
    await page.getByRole("button", { name: "Add a registration" }).click();
    await expect(page.getByRole("rowheader", { name })).toBeVisible();
  }
  const confirmation = await mailTo(`uksel-${run}-0@example.ee`);
  expect(confirmation.attachments.map((attachment) => attachment.filename)).toContain("check-in.png");

  await page.getByRole("link", { name: "Attendance" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Attendance" })).toBeVisible();
  const status = page.getByRole("status").filter({ hasText: "Present:" });
  await page.getByRole("searchbox", { name: "Find a name" }).fill(run);
  const ainoButton = page.getByRole("button", { name: new RegExp(aino) });
  const borisButton = page.getByRole("button", { name: new RegExp(boris) });
  await expect(ainoButton).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByRole("list", { name: "Attendance" }).getByRole("listitem")).toHaveCount(2);

  await ainoButton.tap();
  await expect(ainoButton).toHaveAttribute("aria-pressed", "true");
  await expect(ainoButton).toContainText("Present");
  await expect(status).toContainText("Every mark is saved.");

  // The connection drops: the tap and a walk-in wait on the phone, and show at once.
  await context.setOffline(true);
  await borisButton.tap();
  await expect(borisButton).toHaveAttribute("aria-pressed", "true");
  await expect(status).toContainText("Waiting to be sent: 1.");
  await page.getByLabel("Name", { exact: true }).fill(cecilia);
  await page.getByLabel("Email", { exact: true }).fill(`uksel-${run}-2@example.ee`);
  await page.getByRole("button", { name: "Add as present" }).click();
  await expect(status).toContainText("Waiting to be sent: 2.");
  await expect(page.getByRole("list", { name: "Attendance" }).getByRole("listitem").filter({ hasText: cecilia })).toContainText("walk-in");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("");

  // Back online: everything goes, once.
  await context.setOffline(false);
  await expect(status).toContainText("Every mark is saved.", { timeout: 15_000 });
  await expect(page.getByRole("button", { name: new RegExp(cecilia) })).toHaveAttribute("aria-pressed", "true");

  // What the server has, read again.
  await page.reload();
  await waitForHydration(page);
  await page.getByRole("searchbox", { name: "Find a name" }).fill(run);
  for (const name of [aino, boris, cecilia]) {
    await expect(page.getByRole("button", { name: new RegExp(name) })).toHaveAttribute("aria-pressed", "true");
  }
  await expect(page.getByRole("list", { name: "Attendance" }).getByRole("listitem")).toHaveCount(3);

  // A mistaken mark is undone with a second tap.
  await page.getByRole("button", { name: new RegExp(boris) }).tap();
  await expect(page.getByRole("button", { name: new RegExp(boris) })).toHaveAttribute("aria-pressed", "false");
  await expect(status).toContainText("Every mark is saved.");

  // After the event: feedback asked of those who came, in their language, and answered once.
  await page.getByRole("link", { name: "Registrations" }).click();
  const eventPage = page.url();
  await page.getByRole("button", { name: "Ask the attendees for feedback" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The form was sent to 2 attendees." })).toBeVisible();
  await expect(page.getByRole("button", { name: "Ask the attendees for feedback" })).toBeDisabled();
  const request = await mailTo(`uksel-${run}-0@example.ee`, /^How was/);
  await page.goto(linkIn(request, "/feedback/"));
  await waitForHydration(page);
  await page.getByRole("radio", { name: "5" }).check();
  await page.getByLabel("What was useful? (optional)").fill("Meeting the makers from Narva");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByRole("status")).toHaveText("Thank you: your answers are in.");
  await page.reload();
  await expect(page.getByRole("status")).toHaveText("Thank you: your answers are in.");
  await expect(page.getByRole("button", { name: "Send" })).toHaveCount(0);
  await page.goto(eventPage);
  await expect(page.getByText("Average rating: 5.0 of 5")).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Meeting the makers from Narva" })).toBeVisible();

  // Certificates for everyone present at once; each downloads theirs from their own page, which
  // also shows the code to show at the door.
  await page.getByRole("button", { name: "Issue certificates to everyone present" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Certificates issued: 2." })).toBeVisible();
  await page.goto(linkIn(confirmation, "/registration/"));
  await expect(page.getByRole("img", { name: "QR code for the check-in" })).toBeVisible();
  const download = page.getByRole("link", { name: "Certificate (PDF) · English" });
  const pdf = await page.request.get((await download.getAttribute("href"))!);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  const code = (await download.getAttribute("href"))!.match(/certificates\/([0-9a-f]{32})-en\.pdf/)![1];
  await page.goto(`/ru/certificates/${code}`);
  await expect(page.getByRole("status")).toHaveText(/Этот сертификат подлинный/);
  await expect(page.getByRole("definition").first()).toHaveText(aino);

  // The report for funders counts who came, once each, with its charts.
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  await page.goto("/en/admin/reports");
  await page.getByLabel("From").fill(day(-1));
  await page.getByLabel("To").fill(day(400));
  await page.getByLabel("Type of event").selectOption({ label: "Network meeting" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/from=.*&to=.*&type=network-meeting/);
  const people = page.getByRole("term").filter({ hasText: "People who took part" }).locator("xpath=following-sibling::dd[1]");
  await expect(people).toHaveText("2");
  await expect(page.getByRole("table", { name: "People by type of event" })).toContainText("Network meeting");
  await expect(page.getByRole("table", { name: "People by municipality of their organisation" })).toContainText("Jõhvi Parish");
  // On the map, Jõhvi has the darkest shade: the legend says what it stands for.
  const map = page.getByRole("figure", { name: /People by municipality of their organisation, on the map/ });
  await expect(map).toContainText("Estonian Land Board");
  await expect(map.getByRole("definition")).toHaveText(["0", "1"]);
  await expect(map.locator("path.area-map__area--5")).toHaveCount(1);
  await expect(page.getByRole("link", { name: "Download as CSV" })).toHaveAttribute("href", /report\.csv\?lang=en&from=/);
});
