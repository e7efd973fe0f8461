export type BenchRow = { label: string; ms: number; requests?: number };
export type BenchResult = { name: string; rows: BenchRow[]; summary: string };
