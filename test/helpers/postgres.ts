import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

/**
 * A throwaway PostgreSQL cluster for tests: initdb into a temp dir, a server on a free loopback port
 * with its socket in that dir, trust auth for the `postgres` superuser; stop() removes it all.
 * PostgreSQL refuses to run as root, so under root (CI containers) the binaries run as the
 * `postgres` system user that Debian's package creates (spawn's uid/gid, no sudo needed) and the
 * temp dir is handed to that user.
 */
export type PgCluster = {
  port: number;
  /** A new empty database, and its URL. */
  createDatabase(name?: string): Promise<string>;
  stop(): void;
};

/** The server binaries: pg_config's bindir, else the newest /usr/lib/postgresql/<version>/bin (Debian), else PATH. */
export function postgresBinDir(): string | undefined {
  const has = (dir: string) => existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl"));
  try {
    const dir = execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim();
    if (has(dir)) return dir;
  } catch {
    // no pg_config: look where Debian puts the server
  }
  const root = "/usr/lib/postgresql";
  const debian = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  // Else on PATH (Homebrew, a source build).
  return [...debian.map((v) => path.join(root, v, "bin")), ...(process.env.PATH ?? "").split(path.delimiter)].find(has);
}

/** Who runs the server: the current user, or under root the `postgres` system user. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    throw new Error("running as root, PostgreSQL needs the `postgres` system user (Debian's postgresql package creates it)");
  }
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });

export async function startPostgres(): Promise<PgCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error("PostgreSQL server binaries not found (run .ci/deps: it installs Debian's postgresql)");
  const user = runAs();
  // The postgres user must reach the dir: the test run's own temp dir is private to us (0700), /tmp is not.
  const dir = mkdtempSync(path.join(user ? "/tmp" : os.tmpdir(), "w3o-pg-"));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = path.join(dir, "data");
  const run = (tool: string, args: string[]) => {
    const r = spawnSync(path.join(bin, tool), args, { encoding: "utf8", cwd: dir, ...user });
    if (r.status !== 0) throw new Error(`${tool} failed (${r.status ?? r.signal}): ${r.stderr || r.stdout}`);
  };
  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const port = await freePort();
  // fsync off: a test cluster is thrown away, and durability across a power cut is not what it tests.
  const serverOpts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  run("pg_ctl", ["-D", data, "-o", serverOpts, "-l", path.join(dir, "server.log"), "-w", "start"]);
  const url = (db: string) => `postgres://postgres@127.0.0.1:${port}/${db}`;
  let n = 0;
  return {
    port,
    async createDatabase(name = `w3o_${process.pid}_${++n}`) {
      const client = new pg.Client({ connectionString: url("postgres") });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    stop() {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
