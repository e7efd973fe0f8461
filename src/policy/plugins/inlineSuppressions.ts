import type { PluginOutput, PolicyInput, Suppression } from "../types.js";

/** When the org forbids inline suppressions, each `# w3o-ignore:` comment is itself a finding. */
export async function inlineSuppressionsPlugin(
  input: PolicyInput,
  _options: Record<string, unknown>,
  ctx: { suppressions: Suppression[] },
): Promise<PluginOutput> {
  const out: PluginOutput = { failures: [], checked: [] };
  const allowed = input.model.policies?.allowInlineSuppressions ?? true;
  const root = { resource: "policies.allowInlineSuppressions", location: { file: "w3o.yaml", line: 1, col: 1 } };
  if (allowed) return out;
  out.checked.push(root);
  const counts = new Map<string, number>();
  for (const s of ctx.suppressions.filter((x) => x.source === "inline")) {
    const n = (counts.get(s.location.file) ?? 0) + 1;
    counts.set(s.location.file, n);
    out.failures.push({
      resource: s.location.file,
      location: s.location,
      path: `${s.rule}#${n}`,
      message: `inline suppression of ${s.rule} in ${s.location.file}, but policies.allowInlineSuppressions is false`,
    });
  }
  return out;
}
