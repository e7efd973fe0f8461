import { concat, getCreate2Address, Interface, id, keccak256 } from "ethers";
import type { Address, Artifact, Hex, ProxyArtifacts } from "../compile/types.js";

/**
 * The deterministic deployment proxy (Arachnid's, used by Foundry): present on most EVM chains and
 * on anvil by default. Call it with `salt (32 bytes) ++ initCode`; it CREATE2s the contract.
 */
export const CREATE2_FACTORY: Address = "0x4e59b44847b379578588920cA78FbF26c0B4956C";

/** A salt from the repo: a 0x-prefixed 32-byte value is used as is, any other text is hashed. */
export function create2Salt(salt: string): Hex {
  return (/^0x[0-9a-fA-F]{64}$/.test(salt) ? salt.toLowerCase() : id(salt)) as Hex;
}

/** Creation code followed by the ABI-encoded constructor arguments. */
export function initCode(artifact: Pick<Artifact, "abi" | "bytecode">, args: readonly unknown[]): Hex {
  return concat([artifact.bytecode, new Interface(artifact.abi).encodeDeploy(args)]) as Hex;
}

export function create2Address(code: Hex, salt: string, factory: Address = CREATE2_FACTORY): Address {
  return getCreate2Address(factory, create2Salt(salt), keccak256(code)) as Address;
}

/** Calldata of the proxy's initializer call. */
export function initializerData(impl: Pick<Artifact, "abi">, fn: string, args: readonly unknown[]): Hex {
  return new Interface(impl.abi).encodeFunctionData(fn, args) as Hex;
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
  new Interface(artifact.abi).encodeDeploy(args) as Hex;
