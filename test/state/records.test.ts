import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { DeploymentRecord } from "../../src/state/record.js";
import { RecordError, readRecord, writeRecord } from "../../src/state/records.js";
import { tempRepo } from "../fixtures/contracts.js";

const entry = (address: string) => ({
  address,
  txHash: `0x${"ab".repeat(32)}`,
  blockNumber: 3,
  deployer: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  source: "contracts/Box.sol",
  contract: "Box",
  codeHash: `0x${"11".repeat(32)}`,
  compiler: { version: "0.8.28", optimizer: { enabled: true, runs: 200 }, evmVersion: "cancun" },
  args: [],
  encodedArgs: "0x",
  deployedAt: "2026-01-01T00:00:00.000Z",
});
const record = (): DeploymentRecord => ({
  version: 1,
  project: "p",
  environment: "dev",
  network: "local",
  chainId: 31337,
  contracts: { Zeta: entry("0x000000000000000000000000000000000000bEEF"), Alpha: entry("0x000000000000000000000000000000000000dEaD") },
});

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("deployment records", () => {
  it("round-trips, with contracts sorted by name so git diffs stay small; a missing record is undefined", async () => {
    dir = await tempRepo({});
    expect(await readRecord(dir, "dev", "local")).toBeUndefined();
    const file = await writeRecord(dir, record());
    expect(path.relative(dir, file)).toBe("deployments/dev/local.json");
    const text = await readFile(file, "utf8");
    expect(text.indexOf('"Alpha"')).toBeLessThan(text.indexOf('"Zeta"'));
    expect(await readRecord(dir, "dev", "local")).toEqual(record());
  });

  it("refuses a hand-broken record, naming the file and the field", async () => {
    dir = await tempRepo({});
    await mkdir(path.join(dir, "deployments/dev"), { recursive: true });
    const bad = { ...record(), contracts: { Box: { ...entry("0x1234"), codeHash: "nope" } } };
    await writeFile(path.join(dir, "deployments/dev/local.json"), JSON.stringify(bad));
    const err = await readRecord(dir, "dev", "local").catch((e) => e);
    expect(err).toBeInstanceOf(RecordError);
    expect(err.message).toContain("deployments/dev/local.json: contracts.Box.address");
    expect(err.message).toContain("deployments/dev/local.json: contracts.Box.codeHash");

    await writeFile(path.join(dir, "deployments/dev/local.json"), "{ not json");
    expect((await readRecord(dir, "dev", "local").catch((e) => e)).message).toContain("deployments/dev/local.json is not valid JSON");
  });

  it("refuses a record copied to another environment's folder", async () => {
    dir = await tempRepo({});
    await writeRecord(dir, record());
    await mkdir(path.join(dir, "deployments/prod"), { recursive: true });
    await writeFile(path.join(dir, "deployments/prod/local.json"), await readFile(path.join(dir, "deployments/dev/local.json")));
    const err = await readRecord(dir, "prod", "local").catch((e) => e);
    expect(err.message).toContain("deployments/prod/local.json says it is the record of dev/local");
  });
});
