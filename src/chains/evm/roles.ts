import { id, ZeroHash } from "ethers";
import type { Hex } from "../../compile/types.js";

/** AccessControl role id: DEFAULT_ADMIN_ROLE is zero, others keccak256 of the name (as OZ defines them); a 0x… id is taken as is. */
export function roleId(role: string): Hex {
  if (role === "DEFAULT_ADMIN_ROLE") return ZeroHash as Hex;
  if (/^0x[0-9a-fA-F]{64}$/.test(role)) return role.toLowerCase() as Hex;
  return id(role) as Hex;
}
