#!/usr/bin/env node
// Writes the man page (docs/opentop.1) and the reference part of docs/cli.md from the
// command table (src/cli/spec.ts). Run by `npm run docs`; test/unit/cli-docs.test.ts fails
// when either is out of date.

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { manPage, withReference } = await import(join(root, "dist/src/cli/manual.js"));
writeFileSync(join(root, "docs/opentop.1"), manPage());
const page = join(root, "docs/cli.md");
writeFileSync(page, withReference(readFileSync(page, "utf8")));
console.log("wrote docs/opentop.1 and docs/cli.md");
