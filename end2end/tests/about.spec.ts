import { expect, test } from "./fixtures";

const about = [
  { lang: "et", heading: "Meist", question: "Mis on Ida-Viru Loomeklaster?", goals: "Eesmärgid ja tegevused" },
  { lang: "ru", heading: "О нас", question: "Что такое Креативный кластер Ида-Вирумаа?", goals: "Цели и деятельность" },
  { lang: "en", heading: "About us", question: "What is the Ida-Viru Creative Cluster?", goals: "Goals and activities" },
];

for (const { lang, heading, question, goals } of about) {
  test(`the About page reads in ${lang}`, async ({ page }) => {
    await page.goto(`/${lang}/about`);

    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    await expect(page.getByRole("heading", { level: 2, name: question })).toBeVisible();
    const goalsSection = page.getByRole("region", { name: goals });
    await expect(goalsSection.getByRole("listitem")).toHaveCount(5);
    await expect(page.getByRole("contentinfo").getByRole("link", { name: "piia.tamm@ivek.ee" })).toBeVisible();
    await expect(page).toHaveTitle(new RegExp(`^${heading} · `));
  });
}

test("the About page renders in full without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/ru/about");

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("О нас");
  await expect(page.getByText("Нарвы на звание Культурной столицы Европы 2036 года")).toBeVisible();
  await expect(page.locator("body")).not.toHaveAttribute("data-hydrated", "true");
  await context.close();
});
