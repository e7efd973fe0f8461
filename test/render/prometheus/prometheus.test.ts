import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Model } from "../../../src/config/model.js";
import { render } from "../../../src/render/index.js";
import { templatesDir } from "../../../src/render/templates.js";
import { loadExample } from "../helpers.js";

const dir = mkdtempSync(path.join(tmpdir(), "w3o-prom-"));
let model: Model;
let files: Map<string, string>;

const promtool = (...args: string[]) => {
  const r = spawnSync("promtool", args, { cwd: dir, encoding: "utf8" });
  if (r.error) throw new Error(`promtool is required (Debian package prometheus): ${r.error.message}`);
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
};

beforeAll(async () => {
  model = await loadExample();
  files = new Map(render(model, "prod", ["prometheus"]).map((f) => [f.path, f.content]));
  writeFileSync(path.join(dir, "rules.yml"), files.get("prometheus/prod/rules.yml")!);
  copyFileSync(path.join(templatesDir(), "prometheus/tests/alerts.test.yml"), path.join(dir, "alerts.test.yml"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("prometheus target", () => {
  it("renders rules that `promtool check rules` accepts", () => {
    const r = promtool("check", "rules", "rules.yml");
    expect(r.output).toMatch(/SUCCESS: \d+ rules found/);
    expect(r.code).toBe(0);
  });

  it("passes the alert unit tests under `promtool test rules`", () => {
    const r = promtool("test", "rules", "alerts.test.yml");
    expect(r.output).toContain("SUCCESS");
    expect(r.code).toBe(0);
  });

  it("fails the unit tests when an alert is missing (promtool really evaluates them)", () => {
    const doc = parse(files.get("prometheus/prod/rules.yml")!);
    doc.groups[0].rules = doc.groups[0].rules.filter((r: { alert?: string }) => r.alert !== "W3oNodeFewPeers");
    writeFileSync(path.join(dir, "broken.yml"), JSON.stringify(doc));
    const unitTests = readFileSync(path.join(dir, "alerts.test.yml"), "utf8");
    writeFileSync(path.join(dir, "broken.test.yml"), unitTests.replace("rule_files: [rules.yml]", "rule_files: [broken.yml]"));
    const r = promtool("test", "rules", "broken.test.yml");
    expect(r.code).not.toBe(0);
    expect(r.output).toContain("W3oNodeFewPeers");
  });

  it("defines every alert the issue asks for, and normalises head and peers for each client in the environment", () => {
    const rules = parse(files.get("prometheus/prod/rules.yml")!).groups.flatMap((g: { rules: object[] }) => g.rules);
    const alerts = rules.map((r: { alert?: string }) => r.alert).filter(Boolean);
    expect(alerts).toEqual([
      "W3oNodeDown",
      "W3oNodeHeadStalled",
      "W3oNodeHeadLag",
      "W3oNodeFewPeers",
      "W3oNodeDiskFilling",
      "W3oContractDrift",
    ]);
    const heads = rules
      .filter((r: { record?: string }) => r.record === "w3o:node_head")
      .map((r: { labels: { client: string } }) => r.labels.client);
    expect(heads).toEqual(["avalanchego", "geth", "lighthouse", "polkadot"]);
  });

  it("wraps the same groups in a PrometheusRule and scrapes each client on its own path", () => {
    const rule = parse(files.get("prometheus/prod/prometheus-rule.yaml")!);
    expect(rule.kind).toBe("PrometheusRule");
    expect(rule.spec.groups).toEqual(parse(files.get("prometheus/prod/rules.yml")!).groups);
    const config = parse(files.get("prometheus/prod/prometheus.yml")!);
    const jobs = Object.fromEntries(
      config.scrape_configs.map((j: { job_name: string; metrics_path: string }) => [j.job_name, j.metrics_path]),
    );
    expect(jobs).toEqual({
      "w3o-avalanchego": "/ext/metrics",
      "w3o-geth": "/debug/metrics/prometheus",
      "w3o-lighthouse": "/metrics",
      "w3o-polkadot": "/metrics",
    });
    expect(config.rule_files).toEqual(["rules.yml"]);
  });

  it("labels the PrometheusRule with monitoring.labels for the operator's ruleSelector", () => {
    const labelled = { ...model, monitoring: { labels: { release: "kube-prometheus-stack" } } };
    const file = render(labelled, "prod", ["prometheus"]).find((f) => f.path === "prometheus/prod/prometheus-rule.yaml")!;
    expect(parse(file.content).metadata.labels).toMatchObject({ release: "kube-prometheus-stack", "app.kubernetes.io/managed-by": "w3o" });
    expect(parse(files.get("prometheus/prod/prometheus-rule.yaml")!).metadata.labels).not.toHaveProperty("release");
  });
});
