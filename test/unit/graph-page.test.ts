// The graph's HTML page in a real browser (Debian's chromium, driven by playwright-core):
// it loads with no network at all, draws every node and link, and shows a node's and a
// link's details on hover.

import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { type BrowserContext, chromium } from "playwright-core";
import { groupLeaves } from "../../src/backends/graph/groups.js";
import { GRAPH_FORMATS } from "../../src/backends/graph/index.js";
import { type Live, type Picture, picture, verticesOf } from "../../src/backends/graph/picture.js";
import { compileFile } from "../../src/model/compile.js";
import { ROOT } from "../support/lab.js";

const CHROMIUM = "/usr/bin/chromium";
const skip = existsSync(CHROMIUM) ? false : "no chromium at /usr/bin/chromium (scripts/setup.sh installs it)";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let dir = "";
let context: BrowserContext | undefined;

before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), "opentop-graph-page-"));
  context = await chromium.launchPersistentContext(join(dir, "profile"), {
    executablePath: CHROMIUM,
    args: ARGS,
    viewport: { width: 1200, height: 800 },
  });
});

after(async () => {
  await context?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Opens a picture's page with every request but the page itself refused; returns the page and what it asked for. */
async function open(p: Picture, name: string) {
  if (!context) throw new Error("no browser");
  const file = join(dir, `${name}.html`);
  writeFileSync(file, await GRAPH_FORMATS.html(p));
  const page = await context.newPage();
  const requested: string[] = [];
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url === `file://${file}`) return route.continue();
    requested.push(url);
    return route.abort();
  });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`file://${file}`);
  return { page, requested, errors };
}

function labPicture(example: string, live?: Live): Picture {
  const lab = compileFile(join(ROOT, "examples", example)).lab;
  if (!lab) throw new Error(`${example} does not compile`);
  return picture(lab, live);
}

for (const example of ["office.otop", "isolation.otop", "routed.otop", "star.otop"])
  test(`graph page of ${example}: offline, every node and link drawn`, { skip }, async () => {
    const p = labPicture(example);
    const { page, requested, errors } = await open(p, example);
    assert.deepEqual(requested, [], "the page loads nothing");
    assert.deepEqual(errors, [], "no script error");
    const grouping = groupLeaves(p);
    for (const v of verticesOf(p)) {
      const id = grouping.inGroup.has(v.id) ? `a_${v.id}` : v.id;
      assert.equal(await page.locator(`#drawing svg [id="${id}"]`).count(), 1, `${v.kind} ${v.name}`);
    }
    for (const e of p.edges)
      if (!grouping.inGroup.has(e.id))
        assert.equal(await page.locator(`#drawing svg g.edge[id="${e.id}"] path`).count(), 1, `link ${e.id}`);
    for (const g of grouping.groups)
      assert.equal(await page.locator(`#drawing svg g.edge[id="${g.id}_link"]`).count(), 1, `group ${g.id}`);
    await page.close();
  });

test("graph page: hovering a node, a link or a host in a grid shows its details", { skip }, async () => {
  const { page } = await open(labPicture("office.otop"), "hover");
  const details = page.locator("#details");
  assert.equal(await details.isVisible(), false);
  const router = verticesOf(labPicture("office.otop")).find((v) => v.name === "router");
  await page.hover(`#drawing svg g.node[id="${router?.id}"]`);
  assert.equal(await details.isVisible(), true);
  const text = (await details.textContent()) ?? "";
  assert.match(text, /^node router/);
  assert.match(text, /eth0 10\.1\.0\.1\/24 fd6f:1::1\/64/);
  assert.match(text, /filter: 11 rules, forward policy drop/);
  await page.mouse.move(1, 1);
  assert.equal(await details.isVisible(), false, "leaving hides it");
  // The middle of the link's line, where no box covers it.
  // (Evaluated in the page, as text: this project's TypeScript has no DOM types.)
  const middle = (await page.evaluate(`(() => {
    const path = document.querySelector('#drawing svg g.edge[id="e0"] path');
    const at = path.getPointAtLength(path.getTotalLength() / 2);
    const m = path.getScreenCTM();
    return { x: at.x * m.a + at.y * m.c + m.e, y: at.x * m.b + at.y * m.d + m.f };
  })()`)) as { x: number; y: number };
  await page.mouse.move(middle.x, middle.y);
  assert.match((await details.textContent()) ?? "", /^link /);
  await page.close();

  const star = await open(labPicture("star.otop"), "star-hover");
  await star.page.hover('#drawing svg [id="a_n6"]');
  assert.match((await star.page.locator("#details").textContent()) ?? "", /^node h7[\s\S]*10\.0\.0\.7\/16/);
  await star.page.close();
});

test("graph page: a running lab's state is in its header and colours", { skip }, async () => {
  const live: Live = {
    nodes: new Map([["b", { present: false, drift: [] }]]),
    ifaces: new Map([["a.eth0", "up"]]),
    drift: [],
  };
  const { page } = await open(labPicture("p2p.otop", live), "live");
  assert.match((await page.locator("header").textContent()) ?? "", /live: 1 node missing, 1 link down/);
  assert.equal(
    await page.locator('#drawing svg g.edge[id="e0"] path[stroke-dasharray]').count(),
    1,
    "a dotted link",
  );
  await page.close();
});
