// The proxy's event loop, apart from the one of the client it measures (see countingProxy.ts).
//
// A TCP relay that reads the HTTP framing of what passes, as a network hop would forward it: bytes
// go on as they arrive, in both directions, and are only looked at, never buffered or parsed as
// JSON. A store-and-forward proxy (read the whole body, fetch upstream, read the whole answer) added
// tens of milliseconds to a client sending megabytes of creation code, and less to one sending little.
import net from "node:net";
import { parentPort, workerData } from "node:worker_threads";

const { target, shared } = workerData;
const counts = new Int32Array(shared); // [requests, calls, batches recorded, ...batch sizes]
const upstream = new URL(target);
const METHOD = Buffer.from('"method":');
const HEAD_END = Buffer.from("\r\n\r\n");

/**
 * Counts requests and the JSON-RPC calls in each body (`"method":` with bare quotes can only be a key:
 * quotes inside JSON strings are escaped), and hands on what to forward: each head with its path set
 * to the target's (a client may add an API key path the node does not serve), bodies as they are.
 * Bodies are framed by Content-Length, which every client here sends; a chunked body would be
 * miscounted, so it stops the test instead.
 */
function requestCounter(forward) {
  let head = Buffer.alloc(0); // header bytes seen so far, while reading a head
  let left = -1; // body bytes still to come; -1 while reading a head
  let tail = Buffer.alloc(0); // the end of the previous body chunk, for a key split across chunks
  let calls = 0;
  const finish = () => {
    Atomics.add(counts, 0, 1);
    Atomics.add(counts, 1, calls);
    const slot = Atomics.add(counts, 2, 1);
    if (3 + slot < counts.length) Atomics.store(counts, 3 + slot, calls);
  };
  return (chunk) => {
    let at = 0;
    while (at < chunk.length) {
      if (left < 0) {
        head = Buffer.concat([head, chunk.subarray(at)]);
        const end = head.indexOf(HEAD_END);
        if (end < 0) return;
        const text = head.subarray(0, end).toString("latin1");
        forward(Buffer.from(`${text.replace(/^(\S+) \S+/, `$1 ${upstream.pathname}`)}\r\n\r\n`, "latin1"));
        if (/transfer-encoding:\s*chunked/i.test(text)) throw new Error("countingProxy: chunked request bodies are not counted");
        const length = Number(/content-length:\s*(\d+)/i.exec(text)?.[1] ?? 0);
        at = chunk.length - (head.length - end - HEAD_END.length);
        head = Buffer.alloc(0);
        left = length;
        calls = 0;
        tail = Buffer.alloc(0);
        if (left === 0) {
          finish();
          left = -1;
        }
        continue;
      }
      const take = Math.min(left, chunk.length - at);
      forward(chunk.subarray(at, at + take));
      const piece = Buffer.concat([tail, chunk.subarray(at, at + take)]);
      for (let i = piece.indexOf(METHOD); i >= 0; i = piece.indexOf(METHOD, i + METHOD.length)) calls++;
      // One byte shorter than the key: a match split across chunks is found next time, none is counted twice.
      tail = piece.subarray(Math.max(0, piece.length - (METHOD.length - 1)));
      at += take;
      left -= take;
      if (left === 0) {
        finish();
        left = -1;
      }
    }
  };
}

const sockets = new Set();
const server = net.createServer((client) => {
  const up = net.connect(Number(upstream.port), upstream.hostname);
  client.setNoDelay(true);
  up.setNoDelay(true);
  sockets.add(client).add(up);
  const relay = requestCounter((bytes) => {
    if (!up.write(bytes)) client.pause();
  });
  client.on("data", relay);
  up.on("drain", () => client.resume());
  up.pipe(client);
  const end = () => {
    client.destroy();
    up.destroy();
    sockets.delete(client);
    sockets.delete(up);
  };
  client.on("close", end).on("error", end);
  up.on("close", end).on("error", end);
  client.on("end", () => up.end());
});
server.listen(0, "127.0.0.1", () => parentPort.postMessage({ port: server.address().port }));
parentPort.on("message", (m) => {
  if (m !== "close") return;
  server.close(() => parentPort.postMessage("closed"));
  // Clients keep sockets alive: without this, close() waits for them.
  for (const s of sockets) s.destroy();
});
