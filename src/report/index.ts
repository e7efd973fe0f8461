export { type Annotation, type AnnotationLevel, annotations } from "./annotations.js";
export { fitSections } from "./fit.js";
export { CHECK_TEXT_LIMIT, COMMENT_LIMIT, type RenderedReport, type RenderOptions, renderReport } from "./render.js";
export { CLI_COMMANDS, type Detail, type NextCommands, type Section, type SectionContext } from "./section.js";
export { SECTIONS, withSections } from "./sections/index.js";
export type { EnvironmentReport, PrReport, UnreadNetwork, Verdict } from "./types.js";
export { isNew, verdict } from "./verdict.js";
