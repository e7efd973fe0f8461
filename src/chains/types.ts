import type { z } from "zod";
import type { Network } from "../config/model.js";
import type { Rpc } from "./evm/client.js";
import type { NodeRenderer } from "./kubernetes/workload.js";

/** One entry of the chain registry: everything the engine knows about a chain family. */
export type ChainDefinition = {
  id: string;
  displayName: string;
  /** EVM chains can host the contracts the engine compiles and deploys. */
  evm: boolean;
  /** Networks of this chain are identified by an EIP-155 chain id (EVM) or a genesis hash. */
  identifiedBy: "chainId" | "genesisHash";
  /** zod schema of a node of this chain; undefined where w3o does not run nodes of it. */
  nodeSchema?: z.ZodObject;
  /**
   * Public testnets by name and EIP-155 chain id: the policies keep them out of production and count a
   * deployment there as staged. Empty for chains identified by genesis hash.
   */
  testnets: Record<string, number>;
  /** Well-known ports, for the security audit and the renderers. */
  ports: Record<string, number>;
  /** Kubernetes workload of a node of this chain (`render.ts` in the chain's folder); required with nodeSchema. */
  renderNode?: NodeRenderer;
  /** What `w3o verify` asks a node of this chain: it answers, is the right chain, is synced, has peers (`probe.ts`). */
  probe: NodeProbe;
};

export type ProbeCheck = { check: string; status: "ok" | "warn" | "fail"; message: string };
/** `chainOk`: the endpoint serves the network w3o.yaml names, so its contracts may be compared with their record. */
export type ProbeResult = { checks: ProbeCheck[]; chainOk: boolean; headAgeSeconds?: number };
/** One batch of JSON-RPC reads through the endpoint's client; an endpoint that does not answer throws an RpcError. */
export type NodeProbe = (rpc: Rpc, network: Network, now: number) => Promise<ProbeResult>;
