import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import type { UseCase } from "../../recommend/evaluate.js";
import { EXIT, UsageError } from "../exitCodes.js";
import { printJson } from "../output.js";

export function register(program: Command): void {
  program
    .command("recommend")
    .description("Recommend chains for the declared use case, walking the decision tree in policies/decision-tree/chains.yaml.")
    .argument("[dir]", "infra repo (folder with w3o.yaml); its useCase is used unless --use-case is given", ".")
    .option("--use-case <file>", "a YAML file with the use case (the useCase mapping, or a file with a useCase: key)")
    .option("--json", "print the recommendation as JSON")
    .action(async (dir: string, opts: { useCase?: string; json?: boolean }) => {
      const [{ loadModel }, { recommend }, { formatRecommendation }, { loadDecisionTree }] = await Promise.all([
        import("../../config/load.js"),
        import("../../recommend/evaluate.js"),
        import("../../report/recommend.js"),
        import("../../recommend/tree.js"),
      ]);
      const uc = opts.useCase ? await readUseCase(opts.useCase) : (await loadModel(dir)).useCase;
      if (!uc)
        throw new UsageError(`${dir}/w3o.yaml declares no useCase`, {
          hint: "Add a useCase: section, e.g. useCase: { throughput: high, finality: seconds, evm: required }, or pass --use-case FILE.",
        });
      const result = recommend(await loadDecisionTree(), uc);
      if (opts.json) printJson(result);
      else process.stdout.write(formatRecommendation(result));
      process.exitCode = EXIT.ok;
    });
}

async function readUseCase(file: string): Promise<UseCase> {
  const text = await readFile(file, "utf8").catch(() => {
    throw new UsageError(`cannot read ${file}`, { hint: "Pass the path of a YAML file holding the use case." });
  });
  const [{ parse }, { useCase: useCaseSchema }] = await Promise.all([import("yaml"), import("../../config/schema/useCase.js")]);
  const data = parse(text) as Record<string, unknown> | null;
  const parsed = useCaseSchema.safeParse(data && "useCase" in data ? data.useCase : data);
  if (!parsed.success) {
    throw new UsageError(`${file} is not a valid use case`, {
      metaMessages: parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`),
    });
  }
  return parsed.data;
}
