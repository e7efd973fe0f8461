import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { render } from "../../../src/render/index.js";
import { KUBERNETES_METRICS, W3O_METRICS } from "../../../src/render/prometheus/catalog.js";
import { loadExample } from "../helpers.js";

type Dashboard = { uid: string; panels: { title: string; targets: { expr: string }[] }[] };

/** Metric names a PromQL expression selects: identifiers that are not functions, keywords, labels or strings. */
function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"[^"]*"/g, "")
    .replace(/\{[^}]*\}/g, " ")
    .replace(/\[[^\]]*\]/g, " ")
    .replace(/\b(by|on|without|ignoring|group_left|group_right)\s*\([^)]*\)/g, " ");
  return [...stripped.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\()?/g)]
    .filter((m) => !m[2] && !["and", "or", "unless", "bool", "offset"].includes(m[1]!))
    .map((m) => m[1]!);
}

describe("grafana target", async () => {
  const model = await loadExample();
  const files = new Map(render(model, "prod", ["grafana", "prometheus"]).map((f) => [f.path, f.content]));
  const nodes: Dashboard = JSON.parse(files.get("grafana/prod/w3o-nodes.json")!);
  const contracts: Dashboard = JSON.parse(files.get("grafana/prod/w3o-contracts.json")!);
  const all = [...nodes.panels, ...contracts.panels];

  it("has panels for block time, throughput, lag, peers, gas and token transfers", () => {
    const titles = all.map((p) => p.title.toLowerCase()).join("\n");
    for (const word of ["block time", "throughput", "lag", "peers", "gas", "token transfers"]) expect(titles).toContain(word);
    expect(new Set(all.map((p) => p.title)).size).toBe(all.length);
  });

  it("uses only PromQL that promtool parses", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "w3o-graf-"));
    try {
      const rules = all.flatMap((p) => p.targets).map((t, i) => ({ record: `w3o_panel:${i}`, expr: t.expr.replaceAll("$network", ".*") }));
      writeFileSync(path.join(dir, "panels.yml"), stringify({ groups: [{ name: "panels", rules }] }));
      const r = spawnSync("promtool", ["check", "rules", "panels.yml"], { cwd: dir, encoding: "utf8" });
      expect(`${r.stdout}${r.stderr}`).toContain(`SUCCESS: ${rules.length} rules found`);
      writeFileSync(path.join(dir, "bad.yml"), stringify({ groups: [{ name: "bad", rules: [{ record: "x", expr: "sum by (a (b)" }] }] }));
      expect(spawnSync("promtool", ["check", "rules", "bad.yml"], { cwd: dir }).status).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("references only series the rules record, the clients export, w3o exports or Kubernetes provides", () => {
    const rules = parse(files.get("prometheus/prod/rules.yml")!).groups.flatMap(
      (g: { rules: { record?: string; expr: string }[] }) => g.rules,
    );
    const known = new Set<string>([
      ...rules.map((r: { record?: string }) => r.record).filter(Boolean),
      ...rules.flatMap((r: { expr: string }) => metricNames(r.expr)),
      ...Object.keys(W3O_METRICS),
      ...KUBERNETES_METRICS,
    ]);
    const used = all.flatMap((p) => p.targets.flatMap((t) => metricNames(t.expr)));
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter((m) => !known.has(m))).toEqual([]);
    expect(metricNames('sum by (a) (rate(foo_total{x="y"}[5m])) / on (a) bar')).toEqual(["foo_total", "bar"]);
  });

  it("gives each environment its own dashboard uid", () => {
    expect(nodes.uid).toBe("w3o-prod-nodes");
    expect(JSON.parse(render(model, "staging", ["grafana"])[1]!.content).uid).toBe("w3o-staging-nodes");
  });
});
