/**
 * Kubernetes quantities, just enough to split a node's resources between its containers
 * and to size cloud node groups: CPU in millicores, memory and storage in bytes.
 */
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50 };
const DECIMAL: Record<string, number> = { k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15 };

export function parseQuantity(q: string | number): number {
  if (typeof q === "number") return q;
  const m = /^(\d+(?:\.\d+)?)([A-Za-z]*)$/.exec(q);
  if (!m) throw new Error(`not a quantity: ${q}`);
  const n = Number(m[1]);
  const unit = m[2] ?? "";
  if (unit === "") return n;
  if (unit === "m") return n / 1000;
  const factor = BINARY[unit] ?? DECIMAL[unit];
  if (factor === undefined) throw new Error(`unknown quantity unit in ${q}`);
  return n * factor;
}

export const cpu = (cores: number): string => `${Math.max(1, Math.round(cores * 1000))}m`;
export const memory = (bytes: number): string => `${Math.max(1, Math.round(bytes / 2 ** 20))}Mi`;
