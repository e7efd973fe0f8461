import { Worker } from "node:worker_threads";

export type CountingProxy = {
  url: string;
  /** HTTP requests received, and JSON-RPC calls inside them (a batch of n counts n). */
  counts: { readonly requests: number; readonly calls: number; readonly batchSizes: number[] };
  reset(): void;
  close(): Promise<void>;
};

const MAX_BATCHES = 1 << 16;

/**
 * A loopback HTTP proxy in front of an RPC endpoint that counts what passes through it. It runs in
 * a worker thread, like a network hop would: on the measured client's own event loop its parsing
 * and forwarding would compete with the client's work and delay requests the client already sent.
 * Counters live in shared memory, so they read synchronously.
 */
export async function countingProxy(target: string): Promise<CountingProxy> {
  const shared = new SharedArrayBuffer(4 * (3 + MAX_BATCHES));
  const c = new Int32Array(shared);
  const worker = new Worker(new URL("./countingProxyWorker.mjs", import.meta.url), { workerData: { target, shared } });
  const { port } = await new Promise<{ port: number }>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    counts: {
      get requests() {
        return Atomics.load(c, 0);
      },
      get calls() {
        return Atomics.load(c, 1);
      },
      get batchSizes() {
        return [...c.subarray(3, 3 + Math.min(Atomics.load(c, 2), MAX_BATCHES))];
      },
    },
    reset() {
      for (const i of [0, 1, 2]) Atomics.store(c, i, 0);
    },
    async close() {
      await new Promise<void>((resolve) => {
        worker.once("message", () => resolve());
        worker.postMessage("close");
      });
      await worker.terminate();
    },
  };
}
