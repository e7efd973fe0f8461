import type { Detail, Section, SectionContext } from "./section.js";
import type { PrReport } from "./types.js";

const LEVELS: Detail[] = ["compact", "brief"];

/**
 * Renders the sections at full detail, then, while the text is over `budget`, folds one section a level
 * (compact, then brief) in fold order, highest first: diffs and large plans give way before audit and
 * config errors, and the summary never does. Sections build balanced markdown at every level, so folding
 * whole sections can never leave a `<details>` or a code fence open.
 */
export function fitSections(
  report: PrReport,
  sections: readonly Section[],
  ctx: SectionContext,
  budget: number,
  pointer: string,
): { text: string; folded: string[] } {
  const detail = new Map<string, Detail>(sections.map((s) => [s.id, "full"]));
  // A fold changes one section's detail: the others' text is reused, not rendered again (a 2,000-step plan is big).
  const cache = new Map<string, string[]>();
  const at = (s: Section, d: Detail) => {
    const key = `${s.id}:${d}`;
    if (!cache.has(key)) cache.set(key, s.render(report, d, ctx));
    return cache.get(key) as string[];
  };
  const render = () =>
    sections
      .map((s) => at(s, detail.get(s.id) ?? "full"))
      .filter((lines) => lines.length > 0)
      .map((lines) => lines.join("\n"))
      .join("\n\n");
  let text = render();
  const folded: string[] = [];
  const order = [...sections].filter((s) => s.foldOrder > 0).sort((a, b) => b.foldOrder - a.foldOrder);
  for (const level of LEVELS) {
    for (const s of order) {
      if (text.length + pointer.length + 2 <= budget) return { text: folded.length ? `${text}\n\n${pointer}` : text, folded };
      detail.set(s.id, level);
      if (!folded.includes(s.id)) folded.push(s.id);
      text = render();
    }
  }
  if (text.length + pointer.length + 2 <= budget) return { text: `${text}\n\n${pointer}`, folded };
  // Brief sections are bounded, so only a pathological report gets here: the summary and where the rest is.
  const summary = sections.find((s) => s.foldOrder === 0);
  return { text: `${summary ? summary.render(report, "brief", ctx).join("\n") : ""}\n\n${pointer}`, folded: order.map((s) => s.id) };
}
