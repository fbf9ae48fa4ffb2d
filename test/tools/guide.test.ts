// docs/使用手册.md cannot go stale: every picture it shows exists (made by npm run guide-pictures), and
// its menu table names exactly the items the script's menu offers, read from the menu the bundle builds
// when the spreadsheet opens (not from src/).
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { township } from "../helpers/township";

const ROOT = path.resolve(__dirname, "../..");
const GUIDE = readFileSync(path.join(ROOT, "docs", "使用手册.md"), "utf8");

test("every picture the guide shows is in docs/images, and they stay small", () => {
  const images = [...GUIDE.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]!);
  expect(images.length).toBeGreaterThanOrEqual(8);
  const missing = images.filter((i) => !existsSync(path.join(ROOT, "docs", i)));
  expect(missing).toEqual([]);
  const bytes = images.reduce((sum, i) => sum + statSync(path.join(ROOT, "docs", i)).size, 0);
  expect(bytes).toBeLessThan(1.5 * 1024 * 1024);
});

test("the guide's menu table lists exactly the menu the script builds", () => {
  const rt = township();
  rt.openSpreadsheet();
  const menu = rt.ui.filter((u) => u.kind === "menu" && u.title === "专项整治").at(-1)!;
  const built = (JSON.parse(menu.message) as Array<{ caption: string } | "separator">)
    .filter((i): i is { caption: string } => i !== "separator")
    .map((i) => i.caption);
  // The table under "## 6. 菜单「专项整治」…": its first column, each name in 「」.
  const section = GUIDE.split(/^## /m).find((s) => s.split("\n")[0]!.includes("菜单「专项整治」"))!;
  const listed = [...section.matchAll(/^\| 「([^」]+)」 \|/gm)].map((m) => m[1]);
  expect(listed).toEqual(built);
});

test("the README links the guide at the very top", () => {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8").split("\n");
  expect(readme.slice(0, 4).join("\n")).toContain("(docs/使用手册.md)");
});
