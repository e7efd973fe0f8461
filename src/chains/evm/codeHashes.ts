import * as AbiParameters from "ox/AbiParameters";
import { strippedCodeHash } from "../../compile/bytecode.js";
import type { Hex, ImmutableReferences } from "../../compile/types.js";
import { keccakHex } from "../../crypto/native.js";
import { BaseError } from "../../errors/index.js";
import type { RpcCall } from "./rpc.js";

/**
 * Init code of CodeHashes.sol (next to this file): solc 0.8.28, optimizer on (200 runs), evmVersion
 * paris (no PUSH0, so it runs on chains that lag behind Shanghai), no CBOR metadata.
 * test/chains/evm/codeHashes.test.ts compiles the source again and fails if this differs.
 */
export const CODE_HASHES_INITCODE: Hex =
  "0x608060405234801561001057600080fd5b5060405161065e38038061065e83398101604081905261002f91610422565b600081516001600160401b0381111561004a5761004a610391565b60405190808252806020026020018201604052801561008357816020015b610070610373565b8152602001906001900390816100685790505b5060405190915060005b83518110156103465760008482815181106100aa576100aa61059a565b60200260200101516000015190506000816001600160a01b03163b9050806000036100d657505061033e565b60206001600160a01b038316803b8681018301604052808752600092879284918401903c905060008785815181106101105761011061059a565b602002602001015160200151905060005b81518110156101d957600060808383815181106101405761014061059a565b6020026020010151901c905060006001600160801b03801684848151811061016a5761016a61059a565b6020026020010151168261017e91906105c6565b90508581111561018b5750845b815b818110156101cb57600060f81b8682815181106101ac576101ac61059a565b60200101906001600160f81b031916908160001a90535060010161018d565b505050806001019050610121565b5082600281106102bc576000836101f16001876105df565b815181106102015761020161059a565b016020015160f81c6008856102176002896105df565b815181106102275761022761059a565b016020015160f81c901b179050801580159061024d57508461024a8260026105c6565b11155b156102ba57600084826102616002896105df565b61026b91906105df565b8151811061027b5761027b61059a565b016020015160f81c905060a1811080159061029a575060af8160ff1611155b156102b857816102ab6002886105df565b6102b591906105df565b92505b505b505b60008160208501209050856001600160a01b03163f8988815181106102e3576102e361059a565b60200260200101516000600281106102fd576102fd61059a565b6020020152885181908a90899081106103185761031861059a565b60200260200101516001600281106103325761033261059a565b60200201525050505050505b60010161008d565b5060008260405160200161035a91906105f2565b6040516020818303038152906040529050805160208201f35b60405180604001604052806002906020820280368337509192915050565b634e487b7160e01b600052604160045260246000fd5b604080519081016001600160401b03811182821017156103c9576103c9610391565b60405290565b604051601f8201601f191681016001600160401b03811182821017156103f7576103f7610391565b604052919050565b60006001600160401b0382111561041857610418610391565b5060051b60200190565b60006020828403121561043457600080fd5b81516001600160401b0381111561044a57600080fd5b8201601f8101841361045b57600080fd5b805161046e610469826103ff565b6103cf565b8082825260208201915060208360051b85010192508683111561049057600080fd5b602084015b8381101561058f5780516001600160401b038111156104b357600080fd5b85016040818a03601f190112156104c957600080fd5b6104d16103a7565b60208201516001600160a01b03811681146104eb57600080fd5b815260408201516001600160401b0381111561050657600080fd5b60208184010192505089601f83011261051e57600080fd5b815161052c610469826103ff565b8082825260208201915060208360051b86010192508c83111561054e57600080fd5b6020850194505b82851015610570578451825260209485019490910190610555565b8060208501525050508085525050602083019250602081019050610495565b509695505050505050565b634e487b7160e01b600052603260045260246000fd5b634e487b7160e01b600052601160045260246000fd5b808201808211156105d9576105d96105b0565b92915050565b818103818111156105d9576105d96105b0565b602080825282518282018190526000918401906040840190835b818110156106525783518360005b600281101561063957825182526020928301929091019060010161061a565b505050602093909301926040929092019160010161060c565b50909594505050505056fe";

const args = AbiParameters.from(["(address account, uint256[] zero)[]"]);
const output = AbiParameters.from(["bytes32[2][]"]);

/**
 * Bounds of one eth_call. The constructor's return data stands in for runtime code, so EIP-170's
 * 24,576 bytes bound the answer (64 bytes a target); EIP-3860's 49,152 bytes bound the init code
 * plus its arguments (128 bytes a target, 32 more per immutable).
 */
const CODE_HASHES_CHUNK = 300;
const MAX_ARGS_BYTES = 49_152 - (CODE_HASHES_INITCODE.length - 2) / 2 - 1_024;
const argBytes = (zero: number) => 128 + 32 * zero;

export type CodeHashTarget = { address: string; immutables?: ImmutableReferences };
/** null: no code at that address. */
export type CodeHashes = { codeHash: Hex | null; strippedHash: Hex | null };

const ZERO = `0x${"0".repeat(64)}`;

const zeroRanges = (t: CodeHashTarget) =>
  Object.values(t.immutables ?? {}).flatMap((ranges) => ranges.map((r) => (BigInt(r.start) << 128n) | BigInt(r.length)));

/** The targets grouped as the eth_calls will carry them (see the bounds above). */
export function codeHashChunks(targets: CodeHashTarget[]): CodeHashTarget[][] {
  const chunks: CodeHashTarget[][] = [];
  let bytes = Number.POSITIVE_INFINITY;
  for (const t of targets) {
    const size = argBytes(zeroRanges(t).length);
    const last = chunks.at(-1);
    if (!last || last.length === CODE_HASHES_CHUNK || bytes + size > MAX_ARGS_BYTES) {
      chunks.push([t]);
      bytes = 64 + size;
    } else {
      last.push(t);
      bytes += size;
    }
  }
  return chunks;
}

/**
 * The eth_call without `to` that runs CodeHashes' constructor over one chunk: per target, keccak of
 * its runtime code and its stripped hash (metadata cut, immutables zeroed), with no code sent back.
 */
export function codeHashRequest(chunk: CodeHashTarget[], blockTag = "latest"): RpcCall {
  const encoded = chunk.map((t) => ({ account: t.address as Hex, zero: zeroRanges(t) }));
  return { method: "eth_call", params: [{ data: `${CODE_HASHES_INITCODE}${AbiParameters.encode(args, [encoded]).slice(2)}` }, blockTag] };
}

export const codeHashRequests = (targets: CodeHashTarget[], blockTag = "latest"): RpcCall[] =>
  codeHashChunks(targets).map((chunk) => codeHashRequest(chunk, blockTag));

type Batch = (calls: RpcCall[]) => Promise<{ result?: unknown; error?: { message: string } }[]>;

/**
 * Every target's hashes, from the answers to its chunks' calls (`answers[k]` answers `chunks[k]`).
 * The targets of a chunk an endpoint refused (a call without `to`: the JSON-RPC spec allows it, a
 * gateway may not) are hashed from their code instead, fetched through `batch` in one more request.
 */
export async function collectCodeHashes(
  chunks: CodeHashTarget[][],
  answers: ({ result?: unknown } | undefined)[],
  batch: Batch,
): Promise<CodeHashes[]> {
  const refused = chunks.filter((_, k) => typeof answers[k]?.result !== "string").flat();
  const byCode = refused.length ? await codeHashesByCode(refused, batch) : [];
  return chunks.flatMap((chunk, k) => {
    const r = answers[k]?.result;
    return typeof r === "string" ? decodeCodeHashes(r) : byCode.splice(0, chunk.length);
  });
}

/** The same hashes from the code itself: one more request, and the code crosses the wire. */
async function codeHashesByCode(targets: CodeHashTarget[], batch: Batch): Promise<CodeHashes[]> {
  const answers = await batch(targets.map((t) => ({ method: "eth_getCode", params: [t.address, "latest"] })));
  return targets.map((t, i) => {
    const code = answers[i]?.result;
    if (typeof code !== "string") throw new BaseError(`eth_getCode ${t.address} failed: ${answers[i]?.error?.message ?? "no answer"}`);
    return code === "0x"
      ? { codeHash: null, strippedHash: null }
      : { codeHash: keccakHex(code) as Hex, strippedHash: strippedCodeHash(code, t.immutables) };
  });
}

export function decodeCodeHashes(returned: string): CodeHashes[] {
  const [pairs] = AbiParameters.decode(output, returned as Hex);
  return pairs.map(([codeHash, strippedHash]) =>
    codeHash === ZERO ? { codeHash: null, strippedHash: null } : { codeHash: codeHash as Hex, strippedHash: strippedHash as Hex },
  );
}
