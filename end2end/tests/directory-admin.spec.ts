import { expect, test } from "./fixtures";
import { COORDINATOR, signIn, waitForHydration } from "./helpers";

const HEADER = "name;kind;municipality;sectors;description_et;registry_code";

function csvFile(registryCode: string) {
  const text =
    `\uFEFF${HEADER}\r\n` +
    `Kohtla Puutöökoda;sole-trader;Kohtla-Järve linn;Disain;"Puidust mööbel; ""käsitsi""\r\ntellimusel";\r\n` +
    `Sillamäe Tantsukool;non-profit;sillamae;performing-arts;Tantsustuudio lastele;${registryCode}\r\n`;
  return { name: "kataloog.csv", mimeType: "text/csv", buffer: Buffer.from(text, "utf-8") };
}

test("the coordinator downloads the directory, imports a file after fixing its one problem, and the public directory follows", async ({
  page,
}) => {
  await signIn(page, COORDINATOR);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Directory" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Directory" })).toBeVisible();
  await page.getByRole("link", { name: "Import and export (CSV)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import and export (CSV)" })).toBeVisible();
  await waitForHydration(page);

  const download = await page.request.get(
    (await page.getByRole("link", { name: "CSV for Excel (semicolons)" }).getAttribute("href"))!,
  );
  expect(download.status()).toBe(200);
  expect(await download.text()).toContain("Jõhvi Helistuudio");

  // The file's registry code on line 4 is wrong (a line break in a cell makes line 2 two lines).
  await page.getByLabel("CSV file", { exact: true }).setInputFiles(csvFile("12345670"));
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByText("1 new, 0 updated, 0 unchanged")).toBeVisible();
  const problems = page.getByRole("table", { name: /Problems/ });
  await expect(problems.getByRole("row")).toHaveCount(2);
  const problem = problems.getByRole("row").nth(1);
  await expect(problem.getByRole("cell").nth(0)).toHaveText("4");
  await expect(problem.getByRole("cell").nth(1)).toHaveText("registry_code");
  await expect(problem.getByRole("cell").nth(2)).toHaveText(
    "This is not a registry code: 8 digits, the last a check digit.",
  );
  await expect(page.getByRole("button", { name: /^Import/ })).toHaveCount(0);

  await page.getByLabel("CSV file", { exact: true }).setInputFiles(csvFile("10060701"));
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByText("2 new, 0 updated, 0 unchanged")).toBeVisible();
  await expect(page.getByText("Kohtla Puutöökoda, Sillamäe Tantsukool")).toBeVisible();
  await page.getByRole("button", { name: "Import 2 new and 0 updated entries" }).click();
  await expect(page.getByRole("status")).toHaveText("Imported: 2 new, 0 updated.");

  await page.goto("/en/directory?q=tantsukool");
  await expect(page.getByRole("link", { name: "Sillamäe Tantsukool" })).toBeVisible();
  await page.getByRole("link", { name: "Sillamäe Tantsukool" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sillamäe Tantsukool" })).toBeVisible();
});

test("the coordinator edits an entry with each problem shown once its field is left, hides it, and the public directory follows", async ({
  page,
}) => {
  await signIn(page, COORDINATOR);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  // An entry no other test reads: the tests share one database. The list follows typing, with
  // the public directory's search (a typo forgiven), and the URL follows the list.
  await page.goto("/en/admin/directory");
  await waitForHydration(page);
  await page.getByLabel("Search (name, description, sector, place)").fill("loodusfotp");
  await expect(page).toHaveURL(/\/en\/admin\/directory\?q=loodusfotp$/);
  await expect(page.getByRole("status").filter({ hasText: "Lines: " })).toHaveText("Lines: 1");
  await page.getByRole("link", { name: "Alutaguse Loodusfoto" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit entry" })).toBeVisible();
  await waitForHydration(page);

  // Each problem shows beside its field once the field is left.
  await page.getByLabel("Phone").fill("12");
  await page.getByLabel("Phone").blur();
  await expect(page.getByText("This is not a phone number (e.g. +372 5555 1234).")).toBeVisible();
  await page.getByLabel("Phone").fill("+372 5555 1234");
  await page.getByLabel("Registry code").fill("10060702");
  await page.getByLabel("Registry code").blur();
  await expect(page.getByText("This is not a registry code: 8 digits, the last a check digit.")).toBeVisible();
  await page.getByLabel("Registry code").fill("");
  await page.getByLabel("Website").fill("loodusfoto");
  await page.getByLabel("Website").blur();
  await expect(page.getByText("This is not a web address (https://…).")).toBeVisible();
  await page.getByLabel("Website").fill("https://loodusfoto.example");
  await expect(page.getByText(/^This is not/)).toHaveCount(0);
  await page.getByLabel("Name", { exact: true }).fill("Alutaguse Loodusfoto ja Matkad");
  await page.getByLabel("People working").selectOption({ label: "2–9 people" });
  await page.getByLabel("Published in the public directory").uncheck();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Alutaguse Loodusfoto ja Matkad");
  await expect(page.getByLabel("Phone")).toHaveValue("+372 5555 1234");
  await expect(page.getByLabel("People working")).toHaveValue("2-9");

  const visitor = await page.context().browser()!.newPage();
  await visitor.goto("/en/directory?q=loodusfoto");
  await expect(visitor.getByText("Results: 0")).toBeVisible();

  // A new entry that looks like an existing one is told so, with a link to it.
  await page.goto("/en/admin/directory/new");
  await waitForHydration(page);
  await page.getByLabel("Name", { exact: true }).fill("Narva Valguskoda");
  await page.getByLabel("Municipality").selectOption({ label: "Narva" });
  await expect(page.getByText("This looks like an entry the directory already has:")).toBeVisible();
  await expect(page.getByRole("link", { name: "Narva Valguskoda OÜ" })).toBeVisible();
  await visitor.close();
});

test("the coordinator uploads a logo, a picture of another kind is refused, and the profile shows it", async ({ page }) => {
  await signIn(page, COORDINATOR);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await page.goto("/en/admin/directory?q=kaader");
  await waitForHydration(page);
  await page.getByRole("link", { name: "Fotostuudio Kaader" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit entry" })).toBeVisible();
  await waitForHydration(page);

  const logo = page.getByRole("region", { name: "Logo" });
  await logo.getByLabel("Logo").setInputFiles({
    name: "logo.svg",
    mimeType: "image/svg+xml",
    buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
  });
  await logo.getByRole("button", { name: "Upload logo" }).click();
  await expect(logo.getByRole("alert")).toHaveText("This is not a PNG, JPEG or WebP image.");

  await logo.getByLabel("Logo").setInputFiles({
    name: "kaader.png",
    mimeType: "image/png",
    buffer: Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
      "base64",
    ),
  });
  await logo.getByRole("button", { name: "Upload logo" }).click();
  await expect(page.getByRole("img", { name: "Current logo" })).toBeVisible();

  await page.getByRole("link", { name: "Public page" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Fotostuudio Kaader" })).toBeVisible();
  const src = await page.locator("img.profile__logo").getAttribute("src");
  expect(src).toMatch(/^\/logos\/\d+\.png\?v=\d+$/);
  const image = await page.request.get(src!);
  expect(image.headers()["content-type"]).toBe("image/png");
});
