// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

contract Token {
    constructor(string memory, string memory, address) {}
}
