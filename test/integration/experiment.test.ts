// examples/experiments/throughput.test.ts, in the suite at its small scale, its lab named as
// this run's labs are (so that a leftover is attributed).

import { uniqueLab } from "../support/lab.js";

process.env.OPENTOP_EXPERIMENT_LAB = uniqueLab("tput");
await import("../../examples/experiments/throughput.test.js");
