import { expect, test } from "./fixtures";
import { COORDINATOR, mailTo, signIn, waitForHydration } from "./helpers";

test("an applicant proposes an entry in Russian, the coordinator corrects and approves it, and the directory shows it", async ({
  page,
}) => {
  // A panic in the browser would leave the page frozen; none may happen. (The browser also
  // logs the refused send's 422, which is the answer the page expects.)
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().includes("status of 422")) problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));

  await page.goto("/ru/directory");
  await waitForHydration(page);
  await page.getByRole("link", { name: "Добавить своё предприятие или организацию" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Вступить в каталог" })).toBeVisible();
  await waitForHydration(page);

  await page.getByLabel("Название", { exact: true }).fill("Силламяэ Стеклостудия");
  await page.getByLabel("Тип", { exact: true }).selectOption("sole-trader");
  await page.getByLabel("Самоуправление или уезд").selectOption({ label: "Силламяэ" });
  await page.getByRole("group", { name: "Сферы" }).getByLabel("Дизайн").check();
  await page.getByLabel("Описание (русский)").fill("Витражи и стекло ручной работы.");
  await page.getByRole("group", { name: "Языки обслуживания" }).getByLabel("русский").check();
  await page.getByLabel("Телефон", { exact: true }).fill("12");
  await page.getByLabel("Телефон", { exact: true }).blur();
  // A problem shows once its field was left, in the applicant's language, and only there.
  await expect(page.getByText("Это не номер телефона (напр. +372 5555 1234).")).toBeVisible();
  await expect(page.getByText("Это поле обязательно.")).toHaveCount(0);
  await page.getByLabel("Телефон", { exact: true }).fill("+372 5555 4321");
  await page.getByLabel("Имя контактного лица").fill("Анна Петрова");
  await page.getByLabel("Эл. почта контактного лица").fill("anna@steklo.example");

  // Sent without the consent: refused, everything typed stays.
  await page.getByRole("button", { name: "Отправить заявку" }).click();
  await expect(page.getByRole("alert")).toHaveText("Заявка не отправлена: исправьте отмеченные поля.");
  await expect(page.getByLabel("Название", { exact: true })).toHaveValue("Силламяэ Стеклостудия");
  await expect(page.getByLabel("Эл. почта контактного лица")).toHaveValue("anna@steklo.example");
  await page.getByLabel(/^Я согласен\(на\), что Ида-Вируский творческий кластер/).check();
  await page.getByRole("button", { name: "Отправить заявку" }).click();
  await expect(page.getByRole("heading", { name: "Спасибо! Заявка отправлена." })).toBeVisible();

  // Not public until approved (on a search page that works: it finds what is published).
  await page.goto("/ru/directory?q=стеклостудия");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("searchbox")).toHaveValue("стеклостудия");
  await expect(page.getByRole("link", { name: "Силламяэ Стеклостудия" })).toHaveCount(0);
  await page.goto("/ru/directory?q=helistuudio");
  await expect(page.getByRole("link", { name: "Jõhvi Helistuudio" })).toBeVisible();

  await signIn(page, COORDINATOR);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await page.getByRole("link", { name: "Applications waiting" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Applications to join" })).toBeVisible();
  await page.getByRole("link", { name: "Силламяэ Стеклостудия" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Application: Силламяэ Стеклостудия" }),
  ).toBeVisible();
  await waitForHydration(page);
  const applicant = page.getByRole("region", { name: "Applicant" });
  await expect(applicant).toContainText("Анна Петрова");
  await expect(applicant).toContainText("anna@steklo.example");
  await expect(applicant).toContainText("Russian");
  await expect(applicant).toContainText("Я согласен(на), что Ида-Вируский творческий кластер");

  // The coordinator corrects the entry (checked as typed and shown once left, like any entry)
  // and approves it.
  await page.getByLabel("Website").fill("steklo");
  await page.getByLabel("Website").blur();
  await expect(page.getByText("This is not a web address (https://…).")).toBeVisible();
  await page.getByLabel("Website").fill("https://steklo.example");
  await page.getByLabel("Name", { exact: true }).fill("Sillamäe Klaasistuudio");
  await page.getByLabel("About (Estonian)").fill("Vitraažid ja käsitööklaas.");
  await expect(page.getByText(/^This is not/)).toHaveCount(0);
  await page.getByRole("button", { name: "Approve and publish" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Decision: Approved" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve and publish" })).toHaveCount(0);

  // The applicant was told in Russian that the application arrived, and now of the decision,
  // with the link to the entry; the outbox shows the decision sent.
  const arrived = await mailTo("anna@steklo.example", "Мы получили вашу заявку: Силламяэ Стеклостудия");
  expect(arrived.text).toContain("Здравствуйте, Анна Петрова,");
  const decision = await mailTo("anna@steklo.example", "Ваша запись в каталоге Ида-Вируского творческого кластера");
  expect(decision.text).toContain("/ru/directory/sillamae-klaasistuudio");
  await page.goto("/en/admin/outbox");
  const message = page.getByRole("row").filter({ hasText: "Ваша запись в каталоге Ида-Вируского творческого кластера" });
  await expect(message).toContainText("anna@steklo.example");
  await expect(message).toContainText("Sent");

  await page.goto("/en/directory?q=klaasistuudio");
  await page.getByRole("link", { name: "Sillamäe Klaasistuudio" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sillamäe Klaasistuudio" })).toBeVisible();
  await expect(page.getByText("Vitraažid ja käsitööklaas.")).toBeVisible();
  expect(problems).toEqual([]);
});
