import { expect, test } from "./fixtures";
import { COORDINATOR, linkIn, mailTo, signIn, waitForHydration } from "./helpers";

test("a person subscribes in Russian, confirms from the delivered mail and changes topics", async ({ page }) => {
  const reader = `chitatel-${Date.now()}@ivek.example`;
  await page.goto("/ru");
  await page.getByRole("link", { name: "Подписаться на рассылку" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Рассылка" })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel("Электронная почта").fill(reader);
  await expect(page.getByLabel("Язык писем")).toHaveValue("ru");
  await page.getByRole("checkbox", { name: "Новые участники каталога" }).uncheck();
  await page.getByRole("button", { name: "Подписаться" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Мы отправили вам письмо" })).toBeVisible();

  const mail = await mailTo(reader, "Подтвердите подписку на рассылку");
  await page.goto(linkIn(mail, "/newsletter/confirm?token="));
  await waitForHydration(page);
  await expect(page.getByRole("heading", { level: 1, name: "Подтверждение подписки" })).toBeVisible();
  await page.getByRole("button", { name: "Подтверждаю подписку" }).click();
  await expect(page.getByRole("status")).toHaveText("Подписка подтверждена. Спасибо!");
  await page.getByRole("link", { name: "Изменить язык или темы или отказаться от подписки" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Моя подписка на рассылку" })).toBeVisible();
  await waitForHydration(page);
  await expect(page.getByText(reader)).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Новые участники каталога" })).not.toBeChecked();
  await page.getByRole("checkbox", { name: "События и встречи" }).uncheck();
  await page.getByRole("checkbox", { name: "Обучения" }).check();
  await page.getByRole("button", { name: "Сохранить" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Сохранено." })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("checkbox", { name: "Обучения" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "События и встречи" })).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Возможности финансирования" })).toBeChecked();
});

test("the coordinator drafts, edits, previews, tests and sends an edition and watches it finish", async ({ page }) => {
  const reader = `reader-${Date.now()}@ivek.example`;
  await signIn(page, COORDINATOR);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Newsletter" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Newsletter" })).toBeVisible();
  await waitForHydration(page);

  // Someone who signed up on paper at a fair, added with a note of where.
  const add = page.getByRole("group", { name: "Add a subscriber" });
  await add.getByLabel("Email").fill(reader);
  await add.getByLabel("Language of the mail").selectOption("en");
  await add.getByLabel("Where consent was given").fill("Paper form at the Narva fair, 28 Nov");
  await add.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "The subscriber was added." })).toBeVisible();
  await expect(page.getByRole("cell", { name: reader })).toBeVisible();

  await page.getByRole("button", { name: "Start a new edition" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Newsletter edition" })).toBeVisible();
  await waitForHydration(page);
  // The draft comes from the calendar: its first items are coming events.
  const items = page.locator("fieldset.newsletter-item legend");
  expect(await items.count()).toBeGreaterThan(1);
  const first = (await items.nth(0).textContent())!.replace(/^Item 1: /, "");
  const second = (await items.nth(1).textContent())!.replace(/^Item 2: /, "");

  await page.getByLabel("Subject (English)").fill("December at the cluster");
  await page.getByLabel("Introduction (English)").fill("Hello from **Narva**!");
  await page.getByRole("radio", { name: "Eesti" }).check();
  await page.getByLabel("Subject (Eesti)").fill("Detsember klastris");
  await page.getByRole("radio", { name: "English" }).check();
  await expect(page.getByLabel("Subject (English)")).toHaveValue("December at the cluster");
  // The second item first, and the last dropped.
  await page.getByRole("button", { name: `Move down Item 1: ${first}` }).click();
  await expect(items.nth(0)).toHaveText(`Item 1: ${second}`);
  await expect(items.nth(1)).toHaveText(`Item 2: ${first}`);
  const count = await items.count();
  await page.getByRole("button", { name: /^Remove Item \d+: / }).last().click();
  await expect(items).toHaveCount(count - 1);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await page.reload();
  await waitForHydration(page);
  await expect(items.nth(0)).toHaveText(`Item 1: ${second}`);
  await expect(items).toHaveCount(count - 1);

  // The preview is the mail as it will look.
  const [preview] = await Promise.all([
    page.waitForEvent("popup"),
    page.getByRole("listitem").filter({ hasText: "English" }).getByRole("link", { name: "mail (HTML)" }).click(),
  ]);
  await expect(preview.getByRole("heading", { level: 1, name: "December at the cluster" })).toBeVisible();
  await expect(preview.locator("strong", { hasText: "Narva" })).toBeVisible();
  await expect(preview.getByRole("heading", { level: 3, name: second }).first()).toBeVisible();
  await preview.close();

  // A test to the coordinator's own address.
  await page.locator("#test-lang").selectOption("en");
  await page.getByRole("button", { name: "Send me a test" }).click();
  await expect(page.getByRole("status").filter({ hasText: `A test went to ${COORDINATOR.email}.` })).toBeVisible();
  const test = await mailTo(COORDINATOR.email, "[TEST] December at the cluster");
  expect(test.text).toContain(second);

  // Sent now, with the browser showing how it goes until it has gone.
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Progress" })).toBeVisible();
  await expect(page.locator("#edition-progress")).toHaveText(/^Sent (\d+) of \1, failed 0$/, { timeout: 20_000 });
  await expect(page.getByText(/^sent · Confirmed subscribers/)).toBeVisible({ timeout: 20_000 });

  const edition = await mailTo(reader, "December at the cluster");
  expect(edition.text).toContain("Hello from **Narva**!");
  expect(edition.html).toContain("<strong>Narva</strong>");
  const archived = linkIn(edition, "/newsletter/archive/");
  await page.goto(archived);
  await expect(page.getByRole("heading", { level: 1, name: "December at the cluster" })).toBeVisible();
  await page.goto("/en/newsletter/archive");
  await expect(page.getByRole("link", { name: "December at the cluster" })).toBeVisible();
});
