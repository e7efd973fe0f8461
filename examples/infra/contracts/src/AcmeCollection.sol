// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @notice Acme's membership collection; the owner mints.
contract AcmeCollection is ERC721, Ownable {
    uint256 public nextTokenId;
    string private baseTokenURI;

    constructor(string memory name_, string memory symbol_, string memory baseURI_, address initialOwner)
        ERC721(name_, symbol_)
        Ownable(initialOwner)
    {
        baseTokenURI = baseURI_;
    }

    function mint(address to, uint256 count) external onlyOwner {
        for (uint256 i = 0; i < count; i++) {
            _safeMint(to, nextTokenId++);
        }
    }

    function _baseURI() internal view override returns (string memory) {
        return baseTokenURI;
    }
}
