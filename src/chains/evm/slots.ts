/** EIP-1967 `bytes32(uint256(keccak256("eip1967.proxy.implementation")) - 1)`. */
export const IMPLEMENTATION_SLOT = "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc";
/** EIP-1967 `bytes32(uint256(keccak256("eip1967.proxy.admin")) - 1)`. */
export const ADMIN_SLOT = "0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103";
/**
 * OpenZeppelin v5 Initializable storage (ERC-7201 "openzeppelin.storage.Initializable"):
 * `uint64 _initialized` in the low 8 bytes, then `bool _initializing`.
 */
export const INITIALIZABLE_SLOT = "0xf0c57e16840df040f15088dc2f81fe391c3923bec73e23a9662efc9c229c6a00";
