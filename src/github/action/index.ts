import * as core from "@actions/core";
import { redact } from "../../errors/redact.js";
import { run } from "./main.js";
import { secretValues } from "./secrets.js";

// The bundle's entry (dist/action/index.js): the one place the Action reads the process's environment.
run(process.env).catch((e: unknown) => {
  core.setFailed(redact(e instanceof Error ? e.message : String(e), secretValues(process.env)));
});
