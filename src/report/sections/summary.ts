import { plural } from "../markdown.js";
import { summaryLine } from "../plan.js";
import type { Section } from "../section.js";
import { verdict } from "../verdict.js";

/** The line a reviewer reads first; it survives any shortening. */
export const summarySection: Section = {
  id: "summary",
  foldOrder: 0,
  render(r, _detail, ctx) {
    const v = verdict(r);
    const head = v.conclusion === "success" ? "✅ **w3o: ready to merge**" : `❌ **w3o: ${v.reasons.join(" · ")}**`;
    const envs = r.environments.map((e) => {
      const state = e.plan ? summaryLine(e.plan.summary).replace(/^Plan: /, "") : e.error ? "could not be planned" : "not planned";
      const unread = e.unread.length ? ` (${plural(e.unread.length, "network")} without live state)` : "";
      return `\`${e.name}\`: ${state}${unread}`;
    });
    const at = `at \`${r.headSha.slice(0, 7)}\`${r.baseSha ? ` against \`${r.baseSha.slice(0, 7)}\`` : ""}`;
    return [
      head,
      "",
      ...(envs.length ? [envs.join(" · "), ""] : []),
      `<sub>${at} · details in the **${ctx.checkRunName}** check run</sub>`,
    ];
  },
};
