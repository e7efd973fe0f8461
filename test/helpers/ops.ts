import { AbiCoder, Interface, keccak256 } from "ethers";
import type { Op } from "../../src/apply/ops.js";
import { loadSolc } from "../../src/compile/solc.js";

/**
 * Tiny contracts for executor tests: Leaf(), Node(address parent) whose constructor stores it, and
 * Child(address leaf) whose constructor calls it (so it cannot even be estimated before Leaf has code),
 * and Store, whose clear() frees 20 storage slots (a tx whose gas is mostly refunded at the end).
 */
const SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;
contract Leaf { uint256 public x = 1; }
contract Node {
  address public parent;
  address public owner;
  error NotOwner(address who);
  constructor(address p) { parent = p; owner = msg.sender; }
  function setParent(address p) external { if (msg.sender != owner) revert NotOwner(msg.sender); parent = p; }
  function boom() external pure { revert("boom"); }
  bool public used;
  function once() external { require(!used, "used"); used = true; }
}
contract Child {
  uint256 public seen;
  constructor(address leaf) { seen = Leaf(leaf).x(); }
}
contract Store {
  uint256[20] public s;
  constructor() { for (uint256 i = 0; i < 20; i++) s[i] = i + 1; }
  function clear() external { for (uint256 i = 0; i < 20; i++) delete s[i]; }
}`;

export type Compiled = { abi: Interface; bytecode: string; runtime: string };

export function compileFixtures(): { Leaf: Compiled; Node: Compiled; Child: Compiled; Store: Compiled } {
  const solc = loadSolc("0.8.28");
  const out = JSON.parse(
    solc.compile(
      JSON.stringify({
        language: "Solidity",
        sources: { "t.sol": { content: SOURCE } },
        settings: {
          optimizer: { enabled: true, runs: 200 },
          outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"] } },
        },
      }),
    ),
  );
  const get = (name: string): Compiled => {
    const c = out.contracts["t.sol"][name];
    return { abi: new Interface(c.abi), bytecode: `0x${c.evm.bytecode.object}`, runtime: `0x${c.evm.deployedBytecode.object}` };
  };
  return { Leaf: get("Leaf"), Node: get("Node"), Child: get("Child"), Store: get("Store") };
}

export function deployOp(id: string, from: string, c: Compiled, parent?: string): Op {
  return {
    id,
    contract: id,
    kind: "create",
    from,
    summary: `deploy ${id}`,
    needs: parent ? [parent] : [],
    after: [],
    abis: [c.abi.fragments as never],
    runtimeCode: c.runtime,
    build: (addressOf) => {
      const args = parent ? AbiCoder.defaultAbiCoder().encode(["address"], [addressOf(parent)]) : "0x";
      return { data: c.bytecode + args.slice(2), parts: { code: keccak256(c.bytecode), args } };
    },
  };
}
