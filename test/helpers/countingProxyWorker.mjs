// The proxy's event loop, apart from the one of the client it measures (see countingProxy.ts).
import http from "node:http";
import { parentPort, workerData } from "node:worker_threads";

const { target, shared } = workerData;
const counts = new Int32Array(shared); // [requests, calls, batches recorded, ...batch sizes]
const server = http.createServer(async (req, res) => {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const body = Buffer.concat(chunks);
  // Calls counted without parsing: JSON.parse of a 500 KB batch would cost the machine more CPU than the
  // hop it stands for. `"method":` with bare quotes can only be a key (quotes inside strings are escaped).
  const n = body.toString("latin1").split('"method":').length - 1;
  Atomics.add(counts, 0, 1);
  Atomics.add(counts, 1, n);
  const slot = Atomics.add(counts, 2, 1);
  if (3 + slot < counts.length) Atomics.store(counts, 3 + slot, n);
  const upstream = await fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body });
  res.writeHead(upstream.status, { "content-type": "application/json" });
  res.end(Buffer.from(await upstream.arrayBuffer()));
});
server.listen(0, "127.0.0.1", () => parentPort.postMessage({ port: server.address().port }));
parentPort.on("message", (m) => {
  if (m !== "close") return;
  server.close(() => parentPort.postMessage("closed"));
  // fetch keeps sockets alive: without this, close() waits for their idle timeout.
  server.closeAllConnections();
});
