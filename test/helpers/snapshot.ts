// A saved state of the local runtime, so that every test starts from its own copy of a township instead of
// sharing one (tests that share state pass or fail depending on which ran before them) and without
// replaying the slow setup through the bundle each time.
//
// The runtime has no snapshot API yet, so this clones what sim/ exposes: a fresh Runtime (its own vm
// realm, with the bundle loaded anew, as every Apps Script execution starts) receives a deep copy of the
// state of every service: spreadsheets and their sheets, forms and their responses, triggers, properties,
// mails, Drive files, locks, the clock, the call log, the ids, the UI events and the execution records.
//
// The copy is generic, so state that sim/ adds later is copied too: an object the runtime built (SimSheet,
// SimForm, …) is rebuilt with its own constructor, whose parameters are its own fields, so its `_api`
// proxy counts calls in the new runtime's log; then every other field is deep-copied. A function or proxy
// found anywhere else stops the copy with its path, rather than sharing anything with the original.
import { types } from "node:util";
import { Runtime } from "../../sim/runtime";

type AnyObject = Record<string | symbol, unknown>;

const isFunction = (v: unknown): v is (...a: unknown[]) => unknown => typeof v === "function";
const isObject = (v: unknown): v is AnyObject => typeof v === "object" && v !== null;

const parameterNames = new WeakMap<object, string[] | undefined>();

/** The parameter names of a class's constructor, read from its source; undefined when it declares none. */
function constructorParameters(cls: abstract new (...a: never[]) => unknown): string[] | undefined {
  if (parameterNames.has(cls)) return parameterNames.get(cls);
  const names = readParameters(cls);
  parameterNames.set(cls, names);
  return names;
}

function readParameters(cls: abstract new (...a: never[]) => unknown): string[] | undefined {
  const source = Function.prototype.toString.call(cls);
  const m = /\bconstructor\s*\(([^)]*)\)/.exec(source);
  if (!m) return undefined;
  const names = m[1]!
    .split(",")
    .map((p) => p.split("=")[0]!.trim())
    .filter(Boolean);
  for (const n of names)
    if (!/^[A-Za-z_$][\w$]*$/.test(n))
      throw new Error(`${cls.name}: cannot read constructor parameter "${n}"`);
  return names;
}

class Cloner {
  /** Original object → its copy (or its counterpart in the fresh runtime). */
  private readonly copies = new Map<unknown, unknown>();
  private readonly from: { object: object; array: object; date: object };
  /** Where the copy is (keys from the service down), for the error message only. */
  private readonly at: Array<string | number> = [];

  constructor(
    source: Runtime,
    private readonly target: Runtime,
  ) {
    const [object, array, date] = source.evaluate("[Object.prototype, Array.prototype, Date.prototype]") as [
      object,
      object,
      object,
    ];
    this.from = { object, array, date };
  }

  private fail(what: string): never {
    throw new Error(`snapshot: ${what} at ${this.at.join(".")}`);
  }

  /** `original` is represented by `counterpart` (an object the fresh runtime already has). */
  pair(original: unknown, counterpart: unknown): void {
    this.copies.set(original, counterpart);
  }

  /** Copies the state of `original` into its counterpart in place (closures may hold the counterpart). */
  fill(original: AnyObject, counterpart: AnyObject, name?: string): void {
    if (name !== undefined) this.at.push(name);
    for (const key of Reflect.ownKeys(original)) {
      // An accessor (the realm of the execution under way) and a symbol-keyed cache (the wrappers that
      // count calls) belong to the fresh runtime, which makes its own.
      if (typeof key === "symbol" || Object.getOwnPropertyDescriptor(original, key)?.get) continue;
      const value = original[key];
      const current = counterpart[key];
      this.at.push(String(key));
      if (isFunction(value) || types.isProxy(value)) {
        // Made by the constructor (an `_api` proxy, a callback): the counterpart has its own.
        if (!isFunction(current) && !types.isProxy(current)) this.fail("a function the fresh runtime lacks");
      } else if (this.copies.has(value)) {
        counterpart[key] = this.copies.get(value);
      } else if (Array.isArray(value) && Array.isArray(current)) {
        current.length = 0;
        for (const v of value) current.push(this.clone(v));
      } else if (value instanceof Map && current instanceof Map) {
        current.clear();
        for (const [k, v] of value) current.set(this.clone(k), this.clone(v));
      } else if (value instanceof Set && current instanceof Set) {
        current.clear();
        for (const v of value) current.add(this.clone(v));
      } else if (
        isObject(value) &&
        isObject(current) &&
        Object.getPrototypeOf(value) === Object.prototype &&
        Object.getPrototypeOf(current) === Object.prototype
      ) {
        this.fill(value, current);
      } else {
        counterpart[key] = this.clone(value);
      }
      this.at.pop();
    }
    if (name !== undefined) this.at.pop();
  }

  clone(value: unknown): unknown {
    if (typeof value !== "object" || value === null) {
      if (typeof value === "function") this.fail("a function that is not the runtime's own");
      return value;
    }
    const known = this.copies.get(value);
    if (known !== undefined) return known;
    const proto = Object.getPrototypeOf(value) as object | null;
    if (proto === Array.prototype || proto === this.from.array) {
      const original = value as unknown[];
      const copy: unknown[] =
        proto === Array.prototype ? new Array(original.length) : this.target.ctx.realm.array([]);
      // Plain arrays and objects are not shared in the runtime's state (snapshot.test.ts compares the
      // shape of the object graph): remembering each one would only feed the garbage collector.
      if (proto !== Array.prototype) this.copies.set(value, copy);
      for (let i = 0; i < original.length; i++) {
        const v = original[i];
        if (typeof v !== "object" || v === null) {
          if (typeof v === "function") this.fail("a function in an array");
          copy[i] = v;
        } else {
          this.at.push(i);
          copy[i] = this.clone(v);
          this.at.pop();
        }
      }
      return copy;
    }
    if (types.isProxy(value)) this.fail("a proxy that is not the runtime's own");
    if (proto === Object.prototype || proto === null || proto === this.from.object) {
      const copy: AnyObject =
        proto === this.from.object
          ? this.target.ctx.realm.object({})
          : proto === null
            ? Object.create(null)
            : {};
      if (proto !== Object.prototype) this.copies.set(value, copy);
      this.copyFields(value as AnyObject, copy, false);
      return copy;
    }
    if (proto === Date.prototype || proto === this.from.date) {
      const t = (value as unknown as Date).getTime();
      return proto === Date.prototype ? new Date(t) : this.target.ctx.realm.date(t);
    }
    if (value instanceof Map) {
      const copy = new Map();
      this.copies.set(value, copy);
      for (const [k, v] of value) copy.set(this.clone(k), this.clone(v));
      return copy;
    }
    if (value instanceof Set) {
      const copy = new Set();
      this.copies.set(value, copy);
      for (const v of value) copy.add(this.clone(v));
      return copy;
    }
    if (Buffer.isBuffer(value)) return Buffer.from(value);
    if (types.isDate(value)) this.fail("a date from another realm");
    // An instance of one of the runtime's classes.
    const cls = (proto as { constructor: new (...a: unknown[]) => AnyObject }).constructor;
    const parameters = constructorParameters(cls);
    let copy: AnyObject;
    if (parameters && parameters.length) {
      const args = parameters.map((param) => {
        // A parameter is kept under its own name, or as a private field with an underscore.
        const p = Object.prototype.hasOwnProperty.call(value, param) ? param : `_${param}`;
        if (!Object.prototype.hasOwnProperty.call(value, p))
          this.fail(`${cls.name}'s constructor parameter "${param}" that is not one of its fields`);
        this.at.push(p);
        const arg = this.clone((value as AnyObject)[p]);
        this.at.pop();
        return arg;
      });
      copy = Reflect.construct(cls, args);
    } else copy = Object.create(proto) as AnyObject;
    this.copies.set(value, copy);
    this.copyFields(value as AnyObject, copy, true);
    return copy;
  }

  /** Copies every field; with `made`, functions and proxies are the constructor's and stay the copy's. */
  private copyFields(value: AnyObject, copy: AnyObject, made: boolean): void {
    for (const key of Reflect.ownKeys(value)) {
      // Symbol-keyed caches and accessors belong to the fresh runtime, which makes its own.
      if (typeof key === "symbol" || Object.getOwnPropertyDescriptor(value, key)?.get) continue;
      const v = value[key];
      this.at.push(String(key));
      if (typeof v !== "object" || v === null) {
        if (typeof v !== "function") copy[key] = v;
        else if (!made || typeof copy[key] !== "function")
          this.fail("a function its constructor does not make");
      } else if (made && types.isProxy(v)) {
        if (!types.isProxy(copy[key]) && typeof copy[key] !== "function")
          this.fail("a proxy its constructor does not make");
      } else copy[key] = this.clone(v);
      this.at.pop();
    }
  }
}

/**
 * A new Runtime in the state `source` is in now (between executions), sharing nothing with it. `code` is
 * the bundle to load (the one `source` runs).
 */
export function cloneRuntime(source: Runtime, code: string): Runtime {
  const busy = source as unknown as { running: number; deferred: unknown[] };
  if (busy.running !== 0 || busy.deferred.length)
    throw new Error("snapshot: take it between executions, not during one.");
  if (source.log.faults || source.log.interleave)
    throw new Error("snapshot: clear log.faults and log.interleave first (functions are not copied).");
  const target = new Runtime({
    start: source.clock.now,
    code,
    owner: source.ctx.owner,
    manifest: structuredClone(source.manifest),
    spreadsheetName: source.spreadsheet._name,
  });
  const cloner = new Cloner(source, target);
  // What the fresh runtime already has stands for what the source had.
  const services = [
    "clock",
    "log",
    "ctx",
    "sheets",
    "forms",
    "script",
    "mail",
    "locks",
    "properties",
    "utilities",
    "drive",
    "spreadsheet",
  ] as const;
  cloner.pair(source, target);
  cloner.pair(source.ctx.realm, target.ctx.realm);
  cloner.pair(source.ctx.ids, target.ctx.ids);
  for (const s of services) cloner.pair(source[s], target[s]);
  const fields = (o: unknown) => o as AnyObject;
  cloner.fill(fields(source.ctx.ids), fields(target.ctx.ids), "ctx.ids");
  for (const s of services) cloner.fill(fields(source[s]), fields(target[s]), s);
  cloner.fill({ logs: source.logs, executions: source.executions }, fields(target), "runtime");
  return target;
}

/**
 * `build` runs once per Jest worker (per key); every call returns a fresh copy of the state it built.
 * The original is never handed out, so no test can change what another starts from.
 */
export function snapshot(build: () => Runtime, code: () => string): () => Runtime {
  let saved: Runtime | undefined;
  return () => {
    saved ??= build();
    return cloneRuntime(saved, code());
  };
}
