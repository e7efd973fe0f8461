import { z } from "zod";

const hex = z.string().regex(/^0x[0-9a-fA-F]*$/);
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/);
const hash = z.string().regex(/^0x[0-9a-fA-F]{64}$/);

export const compilerSettings = z.object({
  version: z.string(),
  optimizer: z.object({ enabled: z.boolean(), runs: z.number().int() }),
  evmVersion: z.string(),
});

/** One deployed contract as recorded in git: what a reviewer checks and what plan compares with. */
export const recordedContract = z.object({
  address,
  /** Contract creation tx (for a proxy: the proxy's). */
  txHash: hash,
  blockNumber: z.number().int(),
  deployer: address,
  source: z.string(),
  contract: z.string(),
  /** keccak256 of the compiled runtime code with the metadata hash stripped and immutables zeroed. */
  codeHash: hash,
  /**
   * keccak256 of the exact runtime code on chain at deploy time (metadata and immutables included):
   * plan compares live code with it to detect drift even after the repo's code changed.
   */
  runtimeCodeHash: hash.optional(),
  compiler: compilerSettings,
  /** Constructor arguments after references were resolved, and their ABI encoding. */
  args: z.array(z.unknown()),
  encodedArgs: hex,
  salt: z.string().optional(),
  proxy: z
    .object({
      kind: z.enum(["uups", "transparent"]),
      implementation: z.object({
        address,
        txHash: hash,
        codeHash: hash,
        runtimeCodeHash: hash.optional(),
        /** @openzeppelin/upgrades-core StorageLayout of this implementation: the next upgrade is checked against it. */
        storageLayout: z.unknown().optional(),
      }),
      /** Transparent proxies: the ProxyAdmin contract the proxy created (EIP-1967 admin slot). */
      admin: address.optional(),
      /** Transparent proxies: owner of that ProxyAdmin (the `admin:` declared in the repo). */
      adminOwner: address.optional(),
      initializer: z.object({ function: z.string(), args: z.array(z.unknown()) }).optional(),
    })
    .optional(),
  owner: address.optional(),
  /** AccessControl roles w3o granted, role name → accounts; a role dropped from the repo is revoked from these. */
  roles: z.record(z.string(), z.array(address)).optional(),
  deployedAt: z.string(),
});

/** `deployments/<environment>/<network>.json` in the infra repo. */
export const deploymentRecord = z.object({
  version: z.literal(1),
  project: z.string(),
  environment: z.string(),
  network: z.string(),
  chainId: z.number().int(),
  /**
   * Hash of the chain's genesis block when the record was written: a record whose chain was reset (a
   * devnet restarted) is told apart from drift. Absent in records written before w3o recorded it.
   */
  genesisHash: hash.optional(),
  contracts: z.record(z.string(), recordedContract),
  /** Transactions workflows sent here, per workflow and transaction id: what is here is never sent again. */
  workflows: z
    .record(
      z.string(),
      z.object({
        kind: z.string(),
        txs: z.record(
          z.string(),
          z.object({ fingerprint: z.string(), txHash: hash, blockNumber: z.number().int(), address: address.optional() }),
        ),
      }),
    )
    .optional(),
});

export type RecordedContract = z.infer<typeof recordedContract>;
export type DeploymentRecord = z.infer<typeof deploymentRecord>;

export const recordPath = (environment: string, network: string) => `deployments/${environment}/${network}.json`;
