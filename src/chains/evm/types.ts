import type { Address, Hex, ImmutableReferences } from "../../compile/types.js";

/** What `snapshotNetwork` (snapshot.ts) is asked to read for one recorded contract. */
export type SnapshotTarget = {
  address: Address;
  /** Where the compiled code has immutables: zeroed in the live code before its stripped hash is taken. */
  immutables?: ImmutableReferences;
  /** The recorded implementation of a proxy: its code hashes are read in the same batch. */
  implementation?: Address;
  implementationImmutables?: ImmutableReferences;
  /** The recorded ProxyAdmin of a transparent proxy: its owner() is read in the same multicall. */
  proxyAdmin?: Address;
  /** (role, account) pairs whose hasRole is read in the same multicall: declared ∪ recorded. */
  roles?: { role: string; account: Address }[];
};

/** The live state of one recorded contract. Null means "not there" (no code, empty slot, call reverted). */
export type LiveContract = {
  address: Address;
  /** keccak256 of the runtime code; null when nothing is deployed there. */
  codeHash: Hex | null;
  /** keccak256 of the runtime code with solc's metadata cut and the target's immutables zeroed (compile/bytecode.ts). */
  strippedHash: Hex | null;
  /** EIP-1967 implementation slot, as an address (null when zero). */
  implementation: Address | null;
  /** EIP-1967 admin slot (the ProxyAdmin of a transparent proxy), null when zero. */
  admin: Address | null;
  /** The same two hashes of the code at the recorded implementation address, when one was asked for. */
  implementationCodeHash?: Hex | null;
  implementationStrippedHash?: Hex | null;
  /** OZ v5 Initializable `_initialized` (uint64): 0 never initialized, max uint64 (as string) disabled. */
  initialized: string;
  /** owner() of the contract (through the proxy for proxies), null when it has none or it reverted. */
  owner: Address | null;
  /** owner() of the recorded ProxyAdmin. */
  proxyAdminOwner?: Address | null;
  /** hasRole results keyed `${role}:${account}` (account checksummed). */
  roles?: Record<string, boolean>;
};

export type NetworkSnapshot = {
  network: string;
  chainId: number;
  /** Hash of block 0 (lower-case): which history of the chain this is. Null when the endpoint did not say. */
  genesisHash?: Hex | null;
  blockNumber: number;
  /** Keyed by contract resource name. */
  contracts: Record<string, LiveContract>;
  /** How many HTTP requests and JSON-RPC calls the snapshot took (for benches and tests). */
  stats: { httpRequests: number; rpcCalls: number };
};

/** One way the chain differs from the record. */
export type Drift = {
  field: "code" | "implementation" | "implementation-code" | "admin" | "owner" | "proxy-admin-owner" | "initialized" | "role";
  recorded: string | null;
  live: string | null;
};
