// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Never deployed. Sent as the data of an eth_call without `to` (a "deployless" call), its constructor
/// runs and returns, in place of runtime code, two hashes per target:
///   - keccak256 of its runtime code (EXTCODEHASH), zero when it has none;
///   - keccak256 of that code with the given byte ranges zeroed (immutables) and solc's CBOR metadata
///     cut off: what src/compile/bytecode.ts strippedCodeHash computes, so the code itself never has
///     to leave the node.
/// Each `zero` entry is `start << 128 | length`.
contract CodeHashes {
    struct Target {
        address account;
        uint256[] zero;
    }

    constructor(Target[] memory targets) {
        bytes32[2][] memory out = new bytes32[2][](targets.length);
        uint256 scratch;
        assembly {
            scratch := mload(0x40)
        }
        for (uint256 i; i < targets.length; ++i) {
            address account = targets[i].account;
            uint256 size = account.code.length;
            if (size == 0) continue;
            // Every target's code is copied to the same scratch memory: memory cost stays that of the largest.
            assembly {
                mstore(0x40, scratch)
            }
            bytes memory code = account.code;
            uint256[] memory zero = targets[i].zero;
            for (uint256 j; j < zero.length; ++j) {
                uint256 start = zero[j] >> 128;
                uint256 end = start + (zero[j] & type(uint128).max);
                if (end > size) end = size;
                for (uint256 k = start; k < end; ++k) code[k] = 0;
            }
            uint256 cut = size;
            if (size >= 2) {
                uint256 cbor = (uint256(uint8(code[size - 2])) << 8) | uint8(code[size - 1]);
                if (cbor != 0 && cbor + 2 <= size) {
                    uint8 first = uint8(code[size - 2 - cbor]);
                    if (first >= 0xa1 && first <= 0xaf) cut = size - 2 - cbor;
                }
            }
            bytes32 stripped;
            assembly {
                stripped := keccak256(add(code, 32), cut)
            }
            // Written in place: a new [a, b] literal would be allocated in the scratch memory reused above.
            out[i][0] = account.codehash;
            out[i][1] = stripped;
        }
        bytes memory result = abi.encode(out);
        assembly {
            return(add(result, 32), mload(result))
        }
    }
}
