import { fileURLToPath } from "node:url";
import { run } from "probot";
import { botOptionsFromEnv } from "./env.js";
import { w3oApp } from "./index.js";
import { enterpriseOctokit } from "./octokit.js";

// `npm run bot`: Probot's own HTTP server. Without APP_ID and a private key it serves the manifest flow,
// which reads bot/app.yml from the working folder and writes the new app's credentials to bot/.env.
const cwd = process.cwd();
process.chdir(fileURLToPath(new URL(".", import.meta.url)));
const ghe = process.env.GHE_HOST ? `${process.env.GHE_PROTOCOL || "https"}://${process.env.GHE_HOST}/api/v3` : undefined;
await run((app, o) => w3oApp(botOptionsFromEnv(process.env, cwd))(app, o), { Octokit: enterpriseOctokit(ghe) });
