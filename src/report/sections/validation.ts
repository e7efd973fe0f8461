import { cell, code, plural } from "../markdown.js";
import { briefList, type Section } from "../section.js";
import { diagnosticAt } from "../validate.js";

export const validationSection: Section = {
  id: "validation",
  foldOrder: 2,
  render(r, detail, ctx) {
    if (!r.diagnostics.length) return [];
    const errors = r.diagnostics.filter((d) => d.severity === "error");
    const warnings = r.diagnostics.length - errors.length;
    const shown = detail === "full" ? r.diagnostics : errors;
    const items = shown.map((d) => {
      const icon = d.severity === "error" ? "✖" : "⚠";
      const hint = d.hint ? ` — ${cell(d.hint)}` : "";
      return `- ${icon} \`${diagnosticAt(d, r.root)}\` ${cell(d.message)}${hint}`;
    });
    const counts = [errors.length ? plural(errors.length, "error") : "", warnings ? plural(warnings, "warning") : ""]
      .filter(Boolean)
      .join(", ");
    const folded = detail !== "full" && warnings ? [`- ⚠ ${plural(warnings, "warning")}: see the annotations`] : [];
    return [
      `### Config (${counts})`,
      "",
      ...briefList(items, detail, "the check run's annotations"),
      ...folded,
      "",
      `Fix and push; ${code(ctx.commands.validate)} shows the same list locally.`,
    ];
  },
};
