import { z } from "zod";
import { addressOrReference, name } from "./common.js";

/** Constructor and initializer arguments: scalars, references and nested arrays (tuples). */
export type ArgValue = string | number | boolean | ArgValue[];
export const argValue: z.ZodType<ArgValue> = z.lazy(() => z.union([z.string(), z.number(), z.boolean(), z.array(argValue)]));

export const callExpectation = z.strictObject({
  call: z.string().describe('A view function signature with arguments, e.g. "symbol()" or "balanceOf(address)".'),
  args: z.array(argValue).default([]),
  returns: argValue,
});

export const contract = z
  .strictObject({
    source: z
      .string()
      .regex(/\.sol$/, "source is a .sol file: a repo path or an @openzeppelin/… import path")
      .describe("contracts/Token.sol (relative to the repo) or @openzeppelin/contracts/governance/TimelockController.sol."),
    contract: z.string().optional().describe("Contract name inside the source file; defaults to the resource name."),
    networks: z.array(name).min(1).describe("Networks to deploy to; an environment deploys those it lists."),
    deployer: name.default("deployer").describe("The account (from `accounts`) that sends the deploy transactions."),
    args: z.array(argValue).default([]).describe("Constructor arguments; ${contracts.X} and ${accounts.Y} resolve to addresses."),
    proxy: z
      .strictObject({
        kind: z.enum(["uups", "transparent"]),
        initializer: z.strictObject({ function: z.string().default("initialize"), args: z.array(argValue).default([]) }),
      })
      .optional()
      .describe("Deploy behind an ERC-1967 proxy and call the initializer; omit for a plain deploy."),
    owner: addressOrReference.optional().describe("Expected owner (Ownable) after deploy; ownership is transferred to it."),
    admin: addressOrReference.optional().describe("Expected proxy admin owner (transparent proxies)."),
    roles: z
      .record(z.string(), z.array(addressOrReference))
      .optional()
      .describe('AccessControl roles to grant, e.g. { MINTER_ROLE: ["${accounts.minter}"] }.'),
    role: z
      .enum(["timelock", "multisig"])
      .optional()
      .describe(
        "What this contract is to the policies when it owns others. Default: timelock for OpenZeppelin's TimelockController or a name containing Timelock.",
      ),
    salt: z
      .string()
      .min(1)
      .optional()
      .describe("Deploy through the CREATE2 factory with this salt, for the same address on every network."),
    expect: z
      .array(callExpectation)
      .default([])
      .describe("Post-deploy checks: view calls, args with ${…} references, and the exact values they must return."),
  })
  .describe("A contract compiled from source and deployed to one or more networks.");
