/** One measured row; CPU times where the bench records them (client: this process's event loop; node: the devnet). */
export type BenchRow = { label: string; ms: number; requests?: number; clientCpuMs?: number; nodeCpuMs?: number };
export type BenchResult = { name: string; rows: BenchRow[]; summary: string };
