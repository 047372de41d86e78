#!/usr/bin/env node
// The installed entry point. The CLI is bundled into a few files by `npm run build`
// (esbuild): loading one file instead of sixty modules makes every command start faster,
// and `exec` loads less still (src/cli/entry.ts).
import { start } from "../dist/bundle/entry.js";

process.exitCode = await start(process.argv.slice(2));
