import type { Rpc } from "../chains/evm/client.js";
import { type Compared, compareRecorded, describeDrift } from "../chains/evm/drift.js";
import { recordTarget, snapshotNetwork } from "../chains/evm/snapshot.js";
import type { SnapshotTarget } from "../chains/evm/types.js";
import type { ImmutableReferences } from "../compile/types.js";
import type { DeploymentRecord, RecordedContract } from "../state/record.js";
import { compareStrings } from "../util/compare.js";
import type { Check, ContractReport } from "./types.js";

/**
 * Where immutables sit in a recorded contract's runtime code (solc's immutableReferences), so
 * they can be zeroed before hashing. Without it, a contract with immutables cannot be matched
 * against its record and the code check is a warning rather than a pass or a failure.
 */
export type ImmutablesOf = (
  name: string,
  contract: RecordedContract,
  part: "contract" | "implementation",
) => ImmutableReferences | undefined;

/** Check names as the report has always shown them. */
const CHECK: Record<Compared["field"], string> = {
  code: "code",
  implementation: "implementation",
  "implementation-code": "implementation code",
  initialized: "initialized",
  admin: "admin",
  "proxy-admin-owner": "proxy admin owner",
  owner: "owner",
  role: "role",
};

const UNDECIDED = "code present but differs from the record's hash; immutables unknown (no compiler output), cannot decide";

function okMessage(c: Compared): string {
  switch (c.field) {
    case "code":
    case "implementation-code":
      return c.by === "exact" ? "matches the deployed code recorded" : "matches the record";
    case "initialized":
      return "initializer was called";
    case "role":
      return c.recorded ?? "";
    case "proxy-admin-owner":
      return `ProxyAdmin owner ${c.live}`;
    default:
      return `${c.field} ${c.live}`;
  }
}

const toCheck = (c: Compared): Check =>
  c.status === "ok"
    ? { check: CHECK[c.field], status: "ok", message: okMessage(c) }
    : c.status === "undecided"
      ? { check: CHECK[c.field], status: "warn", message: UNDECIDED }
      : { check: CHECK[c.field], status: "fail", message: describeDrift(c) };

/** For the metrics file: undefined when it could not be decided. */
function match(compared: Compared[], fields: Compared["field"][]): boolean | undefined {
  const mine = compared.filter((c) => fields.includes(c.field));
  if (mine.some((c) => c.status === "drift")) return false;
  if (!mine.length || mine.some((c) => c.status === "undecided")) return undefined;
  return true;
}

/**
 * Every recorded contract against the chain, read by plan's snapshot (one batch within the network's
 * batch limit; code compared by hashes computed on the node) and compared as plan compares it, so
 * verify reports exactly the drift plan does: code, implementation, initializer, EIP-1967 admin,
 * ProxyAdmin owner, owner and roles.
 */
export async function checkContracts(
  rpc: Rpc,
  network: string,
  record: DeploymentRecord,
  immutables?: ImmutablesOf,
): Promise<ContractReport[]> {
  const entries = Object.entries(record.contracts).sort(([a], [b]) => compareStrings(a, b));
  const targets: Record<string, SnapshotTarget> = {};
  for (const [name, c] of entries) {
    targets[name] = recordTarget(c, {
      contract: immutables?.(name, c, "contract"),
      implementation: immutables?.(name, c, "implementation"),
    });
  }
  const snap = await snapshotNetwork({ network, rpc, chainId: record.chainId, targets });
  return entries.map(([name, c]) => {
    const compared = compareRecorded(c, snap.contracts[name]!, {
      code: immutables?.(name, c, "contract") !== undefined,
      implementationCode: immutables?.(name, c, "implementation") !== undefined,
    });
    const report: ContractReport = { name, address: c.address, checks: compared.map(toCheck) };
    const codeMatch = match(compared, c.proxy ? ["code", "implementation", "implementation-code"] : ["code"]);
    if (codeMatch !== undefined) report.codeMatch = codeMatch;
    const ownerMatch = c.owner ? match(compared, ["owner"]) : undefined;
    if (ownerMatch !== undefined) report.ownerMatch = ownerMatch;
    return report;
  });
}
