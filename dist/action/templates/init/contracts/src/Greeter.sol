// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice An example contract: replace it with your own, and list it in contracts/*.yaml.
contract Greeter {
    string public greeting;

    constructor(string memory greeting_) {
        greeting = greeting_;
    }
}
