#!/usr/bin/env node
// The installed entry point. The CLI is bundled into a few files by `npm run build`
// (esbuild): loading one file instead of sixty modules makes every command start faster.
import { main } from "../dist/bundle/main.js";

process.exitCode = await main(process.argv.slice(2));
