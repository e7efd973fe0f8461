import { getAddress } from "ethers";
import type { Artifact } from "../compile/types.js";
import { locate, type Model } from "../config/model.js";
import type { ArgValue } from "../config/schema/contract.js";
import type { Path } from "../config/source.js";
import { INTEGER_TEXT, parseInteger } from "../util/integer.js";

/** One ABI parameter, as solc writes it in the artifact. */
type Param = { name?: string; type: string; components?: readonly Param[] };
type Fragment = { type?: string; name?: string; inputs?: readonly Param[]; outputs?: readonly Param[] };

const EXACT_REF = /^\$\{(contracts|accounts)\.[A-Za-z][A-Za-z0-9_-]*\}$/;

/**
 * What in a contract's YAML does not fit its compiled ABI, found before anything is sent: an abstract
 * contract (or interface) that has no code to deploy, constructor and initializer arguments of the
 * wrong number or type, `expect:` calls to functions that do not exist or with arguments that do not
 * fit. Each problem is located (file:line:col of the value to fix) and ends with a hint line. Pure.
 */
export function abiProblems(model: Pick<Model, "contracts" | "files" | "origins">, name: string, artifact: Artifact): string[] {
  const c = model.contracts[name];
  if (!c) return [];
  const at = (path: Path, message: string, hint: string) => {
    const l = locate(model, "contracts", name, path);
    return `${l.file}:${l.line}:${l.col}: ${message}\nhint: ${hint}`;
  };
  const abi = artifact.abi as readonly Fragment[];
  const out: string[] = [];
  if (artifact.bytecode === "0x") {
    out.push(
      at(
        c.contract ? ["contract"] : ["source"],
        `${artifact.name} (${artifact.source}) is abstract or an interface: it has no code to deploy`,
        `Deploy a contract that inherits from it, e.g. contracts/My${artifact.name}.sol with \`contract My${artifact.name} is ${artifact.name} { constructor(…) ${artifact.name}(…) {} }\`, and point source: and contract: at it.`,
      ),
    );
    return out;
  }
  const ctor = abi.find((f) => f.type === "constructor")?.inputs ?? [];
  out.push(...argumentProblems(`${artifact.name}'s constructor`, ctor, c.args, ["args"], at));
  if (c.proxy) {
    const fn = c.proxy.initializer.function;
    const path: Path = ["proxy", "initializer"];
    const found = functionsNamed(abi, fn);
    if (!found.length) {
      out.push(
        at(
          [...path, "function"],
          `${artifact.name} has no function ${fn}() to initialize its proxy with`,
          `Name one of its functions in proxy.initializer.function (${listFunctions(abi) || "it has none"}).`,
        ),
      );
    } else {
      const fits = found.filter((f) => (f.inputs ?? []).length === c.proxy?.initializer.args.length);
      const f = fits[0] ?? found[0];
      if (f)
        out.push(...argumentProblems(`${artifact.name}.${signature(f)}`, f.inputs ?? [], c.proxy.initializer.args, [...path, "args"], at));
    }
  }
  for (const [i, x] of c.expect.entries()) {
    const path: Path = ["expect", i];
    const f = functionsNamed(abi, x.call)[0];
    if (!f) {
      out.push(
        at(
          [...path, "call"],
          `expect[${i}] calls ${x.call}, which ${artifact.name} does not have`,
          `Call one of its functions (${listFunctions(abi) || "it has none"}), written as a signature such as "balanceOf(address)".`,
        ),
      );
      continue;
    }
    out.push(...argumentProblems(`${artifact.name}.${signature(f)}`, f.inputs ?? [], x.args, [...path, "args"], at));
    const outputs = f.outputs ?? [];
    if (outputs.length === 1) {
      const problem = valueProblem(outputs[0] as Param, x.returns);
      if (problem) out.push(at([...path, "returns"], `expect[${i}].returns ${problem}`, hintFor(outputs[0] as Param)));
    }
  }
  return out;
}

type At = (path: Path, message: string, hint: string) => string;

function argumentProblems(what: string, params: readonly Param[], values: readonly ArgValue[], path: Path, at: At): string[] {
  if (values.length !== params.length) {
    const takes = params.length ? `takes ${params.length}: ${params.map(describeParam).join(", ")}` : "takes none";
    return [
      at(
        path,
        `${what} ${takes}, but ${values.length} argument${values.length === 1 ? " is" : "s are"} given`,
        params.length
          ? `Give one value per parameter, in order: [${params.map((p) => p.name || p.type).join(", ")}].`
          : "Remove the arguments.",
      ),
    ];
  }
  const out: string[] = [];
  params.forEach((p, i) => {
    const problem = valueProblem(p, values[i] as ArgValue);
    if (problem) out.push(at([...path, i], `argument ${i + 1} of ${what} (${describeParam(p)}) ${problem}`, hintFor(p)));
  });
  return out;
}

/** Why `v` cannot be ABI-encoded as `p`, or undefined when it can. References stand for addresses. */
export function valueProblem(p: Param, v: ArgValue): string | undefined {
  const shown = typeof v === "string" ? JSON.stringify(v.length > 50 ? `${v.slice(0, 47)}…` : v) : JSON.stringify(v);
  const array = /^(.*)\[(\d*)\]$/.exec(p.type);
  if (array) {
    if (!Array.isArray(v)) return `is ${shown}, not a list`;
    const n = array[2] ? Number(array[2]) : undefined;
    if (n !== undefined && v.length !== n) return `is a list of ${v.length}, but ${p.type} holds exactly ${n}`;
    const item: Param = { ...p, type: array[1] as string };
    for (const [i, x] of v.entries()) {
      const inner = valueProblem(item, x);
      if (inner) return `has item ${i + 1} that ${inner}`;
    }
    return undefined;
  }
  if (p.type === "tuple") {
    const parts = p.components ?? [];
    if (!Array.isArray(v) || v.length !== parts.length) return `is ${shown}, but a tuple of ${parts.length} values is expected`;
    for (const [i, part] of parts.entries()) {
      const inner = valueProblem(part, v[i] as ArgValue);
      if (inner) return `has field ${part.name || i + 1} that ${inner}`;
    }
    return undefined;
  }
  const isRef = typeof v === "string" && EXACT_REF.test(v);
  if (p.type === "address") {
    if (isRef) return undefined;
    if (typeof v !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(v)) return `is ${shown}, not an address`;
    try {
      getAddress(v);
      return undefined;
    } catch {
      return `is ${shown}, whose mixed-case checksum is wrong (a typo?)`;
    }
  }
  if (isRef) return `is ${shown}, an address, but the parameter is ${p.type}`;
  const int = /^(u?)int(\d*)$/.exec(p.type);
  if (int) {
    const bits = BigInt(int[2] || 256);
    let n: bigint;
    if (typeof v === "number") {
      if (!Number.isInteger(v)) return `is ${shown}, not an integer`;
      if (!Number.isSafeInteger(v)) return `is ${shown}, a number YAML read with lost digits: quote it`;
      n = BigInt(v);
    } else if (typeof v === "string" && INTEGER_TEXT.test(v)) {
      n = parseInteger(v);
    } else return `is ${shown}, not an integer`;
    const [min, max] = int[1] ? [0n, 2n ** bits - 1n] : [-(2n ** (bits - 1n)), 2n ** (bits - 1n) - 1n];
    if (n < min || n > max) return `is ${n}, outside ${p.type}'s range ${min}…${max}`;
    return undefined;
  }
  if (p.type === "bool") return typeof v === "boolean" ? undefined : `is ${shown}, not true or false`;
  if (p.type === "string") return typeof v === "string" ? undefined : `is ${shown}, not a string`;
  if (p.type === "bytes") return typeof v === "string" && /^0x([0-9a-fA-F]{2})*$/.test(v) ? undefined : `is ${shown}, not 0x-hex bytes`;
  const fixed = /^bytes(\d+)$/.exec(p.type);
  if (fixed) {
    const len = Number(fixed[1]);
    return typeof v === "string" && new RegExp(`^0x[0-9a-fA-F]{${len * 2}}$`).test(v)
      ? undefined
      : `is ${shown}, not ${len} bytes of 0x-hex`;
  }
  return undefined;
}

function hintFor(p: Param): string {
  if (p.type === "address")
    return 'Give an address (0x + 40 hex digits) or a reference such as "${accounts.treasury}" or "${contracts.Token}".';
  if (/int\d*$/.test(p.type)) return 'Write integers as digits; past 9007199254740991 quote them, e.g. "1000000000000000000000000".';
  if (p.type === "bool") return "Write true or false, unquoted.";
  if (p.type === "string") return 'Quote the text, e.g. "123".';
  if (p.type.startsWith("bytes")) return "Write bytes as a quoted 0x-hex string.";
  return `Give a value of type ${p.type}.`;
}

const describeParam = (p: Param) => `${p.type}${p.name ? ` ${p.name}` : ""}`;

const signature = (f: Fragment) => `${f.name}(${(f.inputs ?? []).map(canonicalType).join(",")})`;
const canonicalType = (p: Param): string =>
  p.type.startsWith("tuple") ? `(${(p.components ?? []).map(canonicalType).join(",")})${p.type.slice(5)}` : p.type;

/** Functions called `fn`, or the one whose signature is `fn` when it has parentheses. */
function functionsNamed(abi: readonly Fragment[], fn: string): Fragment[] {
  const fns = abi.filter((f) => f.type === "function");
  if (!fn.includes("(")) return fns.filter((f) => f.name === fn);
  const wanted = fn.replace(/\s+/g, "");
  return fns.filter((f) => signature(f) === wanted);
}

const listFunctions = (abi: readonly Fragment[]) =>
  abi
    .filter((f) => f.type === "function")
    .map(signature)
    .slice(0, 12)
    .join(", ");
