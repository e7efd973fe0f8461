import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { simpleGit } from "simple-git";

export type RecordedCall = { method: string; path: string; query: string; body: Record<string, unknown> | undefined };

export type FakePull = {
  number: number;
  headSha: string;
  baseSha: string;
  headRepo: string;
  baseRepo: string;
  files: string[];
};

export type FakeRepo = {
  /** A git repository whose files `GET /contents/{path}?ref=` serves (the branch or commit in `ref`). */
  dir?: string;
  /** Collaborator permissions by login (`write`, `read`, ...); anyone else is not a collaborator (404). */
  permissions?: Record<string, string>;
};

type Comment = { id: number; body: string; user: { login: string } };

/**
 * GitHub's REST API as far as a PR review uses it, on loopback: check runs, the PR, its files and its
 * comments, answered the way GitHub answers them. Every request is recorded with its parsed body, so a test
 * of a face run as a process can assert the exact conversation.
 */
export class FakeGitHub {
  readonly calls: RecordedCall[] = [];
  readonly comments: Comment[] = [];
  private server: Server | undefined;
  private nextId = 100;
  constructor(
    private readonly pull: FakePull,
    private readonly commentAuthor = "github-actions[bot]",
    private readonly repo: FakeRepo = {},
  ) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void read(req).then((raw) => {
        const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
        const url = new URL(req.url ?? "/", "http://fake");
        const path = decodeURIComponent(url.pathname);
        this.calls.push({ method: req.method ?? "", path, query: url.search, body });
        void this.answer(req.method ?? "", path, body, url.searchParams).then(([status, data]) => {
          res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(data));
        });
      });
    });
    await new Promise<void>((r) => this.server?.listen(0, "127.0.0.1", r));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise((r) => this.server?.close(r));
  }

  private async answer(
    method: string,
    path: string,
    body: Record<string, unknown> | undefined,
    query: URLSearchParams,
  ): Promise<[number, unknown]> {
    const p = this.pull;
    const m = /^\/repos\/([^/]+)\/([^/]+)\/(.*)$/.exec(path);
    const rest = m?.[3] ?? "";
    const route = `${method} ${rest}`;
    if (route === "POST check-runs") return [201, { id: this.nextId++, head_sha: body?.head_sha, status: body?.status }];
    if (/^PATCH check-runs\/\d+$/.test(route)) return [200, { id: Number(rest.split("/")[1]) }];
    if (route === `GET pulls/${p.number}`) {
      return [
        200,
        {
          number: p.number,
          state: "open",
          draft: false,
          merged: false,
          head: { sha: p.headSha, ref: "feature", repo: { full_name: p.headRepo } },
          base: { sha: p.baseSha, ref: "main", repo: { full_name: p.baseRepo } },
        },
      ];
    }
    if (route === `GET pulls/${p.number}/files`) return [200, p.files.map((filename) => ({ filename, status: "added" }))];
    if (route.startsWith("GET compare/")) return [200, { files: p.files.map((filename) => ({ filename, status: "added" })) }];
    if (route.startsWith("GET contents/")) return this.contents(rest.slice("contents/".length), query.get("ref") ?? "HEAD");
    if (/^POST issues\/comments\/\d+\/reactions$/.test(route)) return [201, { id: this.nextId++, content: body?.content }];
    const permission = /^GET collaborators\/([^/]+)\/permission$/.exec(route);
    if (permission) {
      const level = this.repo.permissions?.[permission[1] ?? ""];
      return level ? [200, { permission: level, role_name: level, user: { login: permission[1] } }] : [404, { message: "Not Found" }];
    }
    if (route === `GET issues/${p.number}/comments`) return [200, this.comments];
    if (route === `POST issues/${p.number}/comments`) {
      const c = { id: this.nextId++, body: String(body?.body), user: { login: this.commentAuthor } };
      this.comments.push(c);
      return [201, c];
    }
    const edit = /^PATCH issues\/comments\/(\d+)$/.exec(route);
    const existing = edit && this.comments.find((c) => c.id === Number(edit[1]));
    if (existing) {
      existing.body = String(body?.body);
      return [200, existing];
    }
    return [404, { message: "Not Found" }];
  }

  /** A file at a ref of the repo on disk, as the contents API answers it; 404 when it is not there. */
  private async contents(file: string, ref: string): Promise<[number, unknown]> {
    if (!this.repo.dir) return [404, { message: "Not Found" }];
    try {
      const text = await simpleGit(this.repo.dir).show([`${ref}:${file}`]);
      return [200, { type: "file", encoding: "base64", path: file, content: Buffer.from(text).toString("base64") }];
    } catch {
      return [404, { message: "Not Found" }];
    }
  }
}

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = "";
    req.on("data", (c: Buffer) => {
      data += c.toString();
    });
    req.on("end", () => resolve(data));
  });
}
