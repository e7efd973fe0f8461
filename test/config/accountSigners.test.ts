import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadRepo } from "../../src/config/load.js";
import { devAccounts } from "../../src/devnet/anvil.js";

/** examples/infra with the deployer given a fixed address (in one environment, or by default). */
async function withDeployerAddress(line: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "w3o-acct-"));
  await cp(path.resolve("examples/infra"), dir, { recursive: true });
  const file = path.join(dir, "w3o.yaml");
  const yaml = await readFile(file, "utf8");
  await writeFile(file, yaml.replace("    signer: { devnet: 0 }\n", `    signer: { devnet: 0 }\n${line}`));
  return dir;
}

const mismatches = async (dir: string) => (await loadRepo(dir)).diagnostics.filter((d) => d.code === "signer-address-mismatch");

describe("account with both an address and a signer", () => {
  it("warns, at the account, when the devnet signer signs as another address", async () => {
    const other = devAccounts(2)[1]?.address as string;
    const dir = await withDeployerAddress(`    address: "${other}"\n`);
    const { model, diagnostics } = await loadRepo(dir);
    const found = diagnostics.filter((d) => d.code === "signer-address-mismatch");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "warning", file: "w3o.yaml" });
    expect(found[0]?.message).toContain(devAccounts(1)[0]?.address);
    expect(found[0]?.message).toContain(other);
    expect(model).toBeDefined(); // a warning, not an error
  });

  it("is silent when they agree, and for signers whose address is not known statically", async () => {
    expect(await mismatches(await withDeployerAddress(`    address: "${devAccounts(1)[0]?.address}"\n`))).toEqual([]);
    expect(await mismatches(path.resolve("examples/infra"))).toEqual([]);
  });
});
