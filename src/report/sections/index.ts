import type { Section } from "../section.js";
import { auditSection } from "./audit.js";
import { complianceSection } from "./compliance.js";
import { locksSection } from "./locks.js";
import { plansSection } from "./plans.js";
import { recommendationSection } from "./recommendation.js";
import { renderDiffSection } from "./renderDiff.js";
import { summarySection } from "./summary.js";
import { validationSection } from "./validation.js";

/** The report's sections in reading order. A face replaces one by id (see `withSections`). */
export const SECTIONS: readonly Section[] = [
  summarySection,
  locksSection,
  validationSection,
  plansSection,
  auditSection,
  complianceSection,
  recommendationSection,
  renderDiffSection,
];

export function withSections(overrides: readonly Section[]): Section[] {
  const byId = new Map(overrides.map((s) => [s.id, s]));
  return [...SECTIONS.map((s) => byId.get(s.id) ?? s), ...overrides.filter((s) => !SECTIONS.some((d) => d.id === s.id))];
}
