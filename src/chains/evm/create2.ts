import { getCreate2Address, id } from "ethers";
import type { Address, Artifact, Hex, ProxyArtifacts } from "../../compile/types.js";
import { keccakHex } from "../../crypto/native.js";
import { encodeCall, encodeConstructorArgs } from "./abi.js";

/**
 * The deterministic deployment proxy (Arachnid's, used by Foundry): present on most EVM chains and
 * on anvil by default. Call it with `salt (32 bytes) ++ initCode`; it CREATE2s the contract.
 */
export const CREATE2_FACTORY: Address = "0x4e59b44847b379578588920cA78FbF26c0B4956C";

/** A salt from the repo: a 0x-prefixed 32-byte value is used as is, any other text is hashed. */
export function create2Salt(salt: string): Hex {
  return (/^0x[0-9a-fA-F]{64}$/.test(salt) ? salt.toLowerCase() : id(salt)) as Hex;
}

/*
 * Encoding goes through chains/evm/abi.ts (ABIs parsed once, ox's coder) and hashing through the native
 * keccak: plan computes these for every recorded contract on every run, and ethers' Interface built
 * anew per call was most of the time of planning 100 recorded contracts.
 */

/** Creation code followed by the ABI-encoded constructor arguments. */
export function initCode(artifact: Pick<Artifact, "abi" | "bytecode">, args: readonly unknown[]): Hex {
  return `${artifact.bytecode}${encodeArgs(artifact, args).slice(2)}` as Hex;
}

export function create2Address(code: Hex, salt: string, factory: Address = CREATE2_FACTORY): Address {
  return getCreate2Address(factory, create2Salt(salt), keccakHex(code)) as Address;
}

/** Calldata of the proxy's initializer call. */
export function initializerData(impl: Pick<Artifact, "abi">, fn: string, args: readonly unknown[]): Hex {
  return encodeCall(impl.abi as readonly unknown[], fn, args) as Hex;
}

/** Proxy constructor arguments, for UUPS (ERC1967Proxy) and Transparent (with the ProxyAdmin's initial owner). */
export function proxyConstructorArgs(kind: "uups" | "transparent", implementation: Address, data: Hex, adminOwner?: Address): unknown[] {
  if (kind === "uups") return [implementation, data];
  if (!adminOwner) throw new Error("a transparent proxy needs the ProxyAdmin's initial owner");
  return [implementation, adminOwner, data];
}

export const proxyArtifact = (proxies: ProxyArtifacts, kind: "uups" | "transparent") =>
  kind === "uups" ? proxies.ERC1967Proxy : proxies.TransparentUpgradeableProxy;

export const encodeArgs = (artifact: Pick<Artifact, "abi">, args: readonly unknown[]): Hex =>
  encodeConstructorArgs(artifact.abi as readonly unknown[], args) as Hex;
