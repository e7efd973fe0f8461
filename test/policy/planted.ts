import { chmod, cp, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

const PLANTED = path.resolve("test/fixtures/policy/planted");
// Built at run time so that the source of this helper does not itself hold a token-shaped string.
const GITHUB_TOKEN = ["ghp", "_", "wWPw5k4aXcaT4fNP0Ucn", "ZwJUVFk6LO0pINUx"].join("");
export const PLANTED_SECRETS = [
  "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
  "test test test test test test test test test test test junk",
  "4f1b2c3d4e5f60718293a4b5c6d7e8f9",
  GITHUB_TOKEN,
];

/**
 * A temp copy of the planted repo with real file modes, a secretlint-detectable token, and an
 * ignore-file suppression that expires 180 days from now (so the test never becomes a time bomb).
 */
export async function plantedCopy(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "w3o-planted-"));
  await cp(PLANTED, dir, { recursive: true });
  await chmod(path.join(dir, "keys/deployer.json"), 0o644);
  await chmod(path.join(dir, "data/report.json"), 0o755);
  await chmod(path.join(dir, "scripts/deploy.env"), 0o600);
  await writeFile(path.join(dir, "scripts/ci.sh"), `#!/bin/sh\nexport GH_TOKEN=${GITHUB_TOKEN}\n`, { mode: 0o700 });
  const expires = new Date(Date.now() + 180 * 86_400_000).toISOString().slice(0, 10);
  await writeFile(
    path.join(dir, ".w3oignore.yaml"),
    `suppressions:\n  - rule: W3O-SEC-007\n    resource: data/report.json\n    reason: Written by the exporter with a 0755 umask; fixed in exporter v2.\n    expires: ${expires}\n`,
  );
  return dir;
}
