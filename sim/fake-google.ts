// A local HTTP server on 127.0.0.1 implementing the few Drive v3 and Sheets v4 REST endpoints the county
// tools call, so the real googleapis client can be tested offline. It records every request and can be
// told to answer some with errors (429, 500, 404).
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeFile {
  name: string;
  permissions: Array<{ id: string; emailAddress: string; role: string; type: string }>;
  sheets: Map<string, string[][]>;
}

export interface Fault {
  method: string;
  /** Matched against the path (no query). */
  path: RegExp;
  status: number;
  /** How many matching requests get the error (Infinity: all). */
  times: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  status: number;
}

export class FakeGoogle {
  readonly files = new Map<string, FakeFile>();
  readonly requests: RecordedRequest[] = [];
  faults: Fault[] = [];
  private server = http.createServer((req, res) => void this.handle(req, res));
  private nextId = 1;
  url = "";

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  addFile(id: string, name: string, sheets: Record<string, string[][]> = {}): FakeFile {
    const f: FakeFile = {
      name,
      permissions: [{ id: "owner", emailAddress: "county@county.example.cn", role: "owner", type: "user" }],
      sheets: new Map(Object.entries(sheets)),
    };
    this.files.set(id, f);
    return f;
  }

  count(method: string, path: RegExp): number {
    return this.requests.filter((r) => r.method === method && path.test(r.path) && r.status < 300).length;
  }

  private send(res: http.ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://x");
    const path = decodeURIComponent(url.pathname);
    const method = req.method ?? "GET";
    const body = raw ? (JSON.parse(raw) as unknown) : undefined;
    const record = (status: number) =>
      this.requests.push({ method, path, query: url.searchParams, body, status });
    const fault = this.faults.find((f) => f.method === method && f.path.test(path) && f.times > 0);
    if (fault) {
      fault.times--;
      record(fault.status);
      return this.send(res, fault.status, {
        error: {
          code: fault.status,
          message:
            fault.status === 429
              ? "Quota exceeded for quota metric 'Read requests'"
              : fault.status === 404
                ? "Requested entity was not found."
                : "Internal error encountered.",
        },
      });
    }
    if (req.headers.authorization !== "Bearer test-token") {
      record(401);
      return this.send(res, 401, {
        error: { code: 401, message: "Request is missing required authentication credential." },
      });
    }
    const [status, out] = this.route(method, path, url.searchParams, body);
    record(status);
    this.send(res, status, out);
  }

  private file(id: string): FakeFile | undefined {
    return this.files.get(id);
  }

  private route(method: string, path: string, q: URLSearchParams, body: unknown): [number, unknown] {
    const notFound: [number, unknown] = [
      404,
      { error: { code: 404, message: "Requested entity was not found." } },
    ];
    let m: RegExpExecArray | null;
    if ((m = /^\/drive\/v3\/files\/([^/]+)\/copy$/.exec(path)) && method === "POST") {
      const src = this.file(m[1]!);
      if (!src) return notFound;
      const id = `copy${this.nextId++}`;
      this.files.set(id, {
        name: (body as { name: string }).name,
        permissions: [...src.permissions],
        sheets: new Map([...src.sheets].map(([k, v]) => [k, v.map((r) => [...r])])),
      });
      return [200, { id, webViewLink: `https://docs.google.com/spreadsheets/d/${id}/edit` }];
    }
    if ((m = /^\/drive\/v3\/files\/([^/]+)\/permissions$/.exec(path))) {
      const f = this.file(m[1]!);
      if (!f) return notFound;
      if (method === "GET") return [200, { permissions: f.permissions }];
      const p = body as { emailAddress: string; role: string; type: string };
      f.permissions.push({ id: `p${this.nextId++}`, ...p });
      return [200, { id: f.permissions.at(-1)!.id }];
    }
    if ((m = /^\/v4\/spreadsheets\/([^/:]+)$/.exec(path)) && method === "GET") {
      const f = this.file(m[1]!);
      if (!f) return notFound;
      return [200, { sheets: [...f.sheets.keys()].map((title) => ({ properties: { title } })) }];
    }
    if ((m = /^\/v4\/spreadsheets\/([^/:]+):batchUpdate$/.exec(path)) && method === "POST") {
      const f = this.file(m[1]!);
      if (!f) return notFound;
      for (const r of (body as { requests: Array<{ addSheet?: { properties: { title: string } } }> })
        .requests)
        if (r.addSheet) f.sheets.set(r.addSheet.properties.title, []);
      return [200, {}];
    }
    if ((m = /^\/v4\/spreadsheets\/([^/:]+)\/values:batchGet$/.exec(path)) && method === "GET") {
      const f = this.file(m[1]!);
      if (!f) return notFound;
      return [
        200,
        {
          valueRanges: q
            .getAll("ranges")
            .map((r) => ({ range: r, values: f.sheets.get(r.split("!")[0]!) ?? [] })),
        },
      ];
    }
    if ((m = /^\/v4\/spreadsheets\/([^/:]+)\/values\/(.+?)(:clear)?$/.exec(path))) {
      const f = this.file(m[1]!);
      if (!f) return notFound;
      const [title] = m[2]!.split("!");
      if (!f.sheets.has(title!))
        return [400, { error: { code: 400, message: `Unable to parse range: ${m[2]}` } }];
      if (m[3]) {
        f.sheets.set(title!, []);
        return [200, {}];
      }
      if (method === "GET") return [200, { values: f.sheets.get(title!) }];
      if (method === "PUT") {
        f.sheets.set(
          title!,
          (body as { values: string[][] }).values.map((r) => r.map(String)),
        );
        return [200, { updatedRows: (body as { values: unknown[] }).values.length }];
      }
    }
    return [404, { error: { code: 404, message: `No route ${method} ${path}` } }];
  }
}
