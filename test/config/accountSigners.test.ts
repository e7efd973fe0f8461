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

describe("raw env keys in production", () => {
  const withProdSigner = async (signer: string, extra = "") => {
    const dir = await mkdtemp(path.join(tmpdir(), "w3o-prodkey-"));
    await cp(path.resolve("examples/infra"), dir, { recursive: true });
    const file = path.join(dir, "w3o.yaml");
    const yaml = await readFile(file, "utf8");
    const line = "      prod: { signer: { kms: { keyId: alias/acme-prod-deployer, region: eu-west-1 } } }\n";
    expect(yaml).toContain(line);
    await writeFile(file, yaml.replace(line, `      prod: { signer: ${signer} }\n`).replace("  staging:\n", `${extra}  staging:\n`));
    return loadRepo(dir);
  };

  it("is an error at the account's signer, naming the account, the environment and both fixes", async () => {
    const { model, diagnostics } = await withProdSigner("{ env: PROD_DEPLOYER_KEY }");
    const found = diagnostics.filter((d) => d.code === "env-key-in-production");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "error", file: "w3o.yaml", line: 75 });
    expect(found[0]?.message).toBe(
      'account "deployer" signs with a raw private key from PROD_DEPLOYER_KEY in production environment "prod"',
    );
    expect(found[0]?.hint).toContain("{ kms: { keyId: … } }");
    expect(found[0]?.hint).toContain("{ env: PROD_DEPLOYER_KEY, allowInProduction: true }");
    expect(model).toBeUndefined();
  });

  it("counts environments marked production: true whatever their name, and accepts allowInProduction", async () => {
    const live = "  live:\n    networks: [local]\n    production: true\n";
    const ops = (signer: string) => `  ops:\n    signer: ${signer}\n`;
    const load = async (signer: string) => {
      const dir = await mkdtemp(path.join(tmpdir(), "w3o-prodkey-"));
      await cp(path.resolve("examples/infra"), dir, { recursive: true });
      const file = path.join(dir, "w3o.yaml");
      const yaml = await readFile(file, "utf8");
      await writeFile(file, yaml.replace("  staging:\n", `${live}  staging:\n`).replace("  treasury:\n", `${ops(signer)}  treasury:\n`));
      return loadRepo(dir);
    };
    const flagged = await load("{ env: OPS_KEY }");
    const found = flagged.diagnostics.filter((d) => d.code === "env-key-in-production").map((d) => d.message);
    expect(found.sort()).toEqual([
      'account "ops" signs with a raw private key from OPS_KEY in production environment "live"',
      'account "ops" signs with a raw private key from OPS_KEY in production environment "prod"',
    ]);
    const allowed = await load("{ env: OPS_KEY, allowInProduction: true }");
    expect(allowed.diagnostics.filter((d) => d.code === "env-key-in-production")).toEqual([]);
    expect(allowed.model).toBeDefined();
  });
});
