import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";

/** Every file under dir whose name ends with one of the extensions. */
async function files(dir: string, exts: string[]): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && exts.some((x) => e.name.endsWith(x))).map((e) => path.join(e.parentPath, e.name));
}

describe("messages for a repo outside this checkout", () => {
  it("no message, hint or default in src/ or the init templates names a file of this checkout (examples/, docs/)", async () => {
    const offenders: string[] = [];
    for (const file of [...(await files(path.join(ROOT, "src"), [".ts"])), ...(await files(path.join(ROOT, "templates/init"), [""]))]) {
      const lines = (await readFile(file, "utf8")).split("\n");
      lines.forEach((line, i) => {
        const code = line.replace(/^\s*(\*|\/\/|\/\*\*).*$/, "");
        if (/\b(examples|docs)\//.test(code)) offenders.push(`${path.relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});
