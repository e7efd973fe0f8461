// One PR review as the Action runs it, in one process: review the head against the base, render every output.
import { renderReport } from "../src/report/index.js";
import { reviewPullRequest } from "../src/review/index.js";

const [dir, base] = process.argv.slice(2) as [string, string];
const report = await reviewPullRequest({ dir, base, vars: process.env, recommend: "always" });
const rendered = renderReport(report);
process.stdout.write(`${rendered.verdict.conclusion} ${rendered.comment.length}\n`);
