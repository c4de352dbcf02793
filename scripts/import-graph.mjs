// The import graph of lib/ (README, "Architecture"): which folders import each
// other, file cycles, dynamic imports, and imports that leave lib/.
//   node scripts/import-graph.mjs            the summary
//   node scripts/import-graph.mjs --edges    also every folder -> folder arrow
// Static and dynamic imports count alike (`import type` included); tests are left out.
import fs from "node:fs";
import path from "node:path";

const files = [];
(function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (full !== path.join("lib", "generated")) walk(full);
    } else if (/\.(ts|tsx)$/.test(entry.name) && !/\.test\./.test(entry.name)) files.push(full);
  }
})("lib");

/** lib/<folder>/... -> folder; a file directly in lib/ -> "(root:name)". */
const folderOf = (file) => {
  const parts = file.split(path.sep);
  return parts.length > 2 ? parts[1] : `(root:${parts[1].replace(/\.tsx?$/, "")})`;
};

function resolve(from, spec) {
  let base;
  if (spec.startsWith("@/")) base = spec.slice(2);
  else if (spec.startsWith(".")) base = path.normalize(path.join(path.dirname(from), spec));
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return base;
}

const edges = new Map(); // "a -> b" folder arrows, with counts
const fileEdges = new Map(); // file -> Set(file), lib/ only
const dynamic = [];
const outside = [];
const pattern = /(?:import|export)[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
for (const file of files) {
  const source = fs.readFileSync(file, "utf8");
  fileEdges.set(file, new Set());
  for (const match of source.matchAll(pattern)) {
    const spec = match[1] ?? match[2];
    const target = resolve(file, spec);
    if (!target) continue;
    if (match[2]) dynamic.push(`${file} -> ${target}`);
    if (!target.startsWith(`lib${path.sep}`)) {
      outside.push(`${file} -> ${target}`);
      continue;
    }
    if (target.startsWith(path.join("lib", "generated"))) continue;
    fileEdges.get(file).add(target);
    const a = folderOf(file);
    const b = folderOf(target);
    if (a === b) continue;
    const key = `${a} -> ${b}`;
    edges.set(key, (edges.get(key) ?? 0) + 1);
  }
}

const mutual = [];
for (const key of edges.keys()) {
  const [a, b] = key.split(" -> ");
  if (a < b && edges.has(`${b} -> ${a}`)) mutual.push(`${a} <-> ${b}`);
}

// File cycles: strongly connected components of more than one file (Tarjan).
const cycles = [];
{
  let index = 0;
  const stack = [];
  const state = new Map();
  const visit = (file) => {
    state.set(file, { index, low: index, onStack: true });
    index++;
    stack.push(file);
    for (const next of fileEdges.get(file) ?? []) {
      if (!fileEdges.has(next)) continue;
      if (!state.has(next)) {
        visit(next);
        state.get(file).low = Math.min(state.get(file).low, state.get(next).low);
      } else if (state.get(next).onStack) state.get(file).low = Math.min(state.get(file).low, state.get(next).index);
    }
    if (state.get(file).low === state.get(file).index) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        state.get(member).onStack = false;
        component.push(member);
      } while (member !== file);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const file of fileEdges.keys()) if (!state.has(file)) visit(file);
}

const folders = [...new Set(files.map(folderOf))].sort();
console.log(`folders in lib/ (${folders.length}): ${folders.join(", ")}`);
console.log(`mutual folder pairs (${mutual.length}):${mutual.map((pair) => `\n  ${pair}`).join("")}`);
console.log(`file cycles (${cycles.length}):${cycles.map((cycle) => `\n  ${cycle.join(" <-> ")}`).join("")}`);
console.log(`dynamic imports (${dynamic.length}):${dynamic.map((line) => `\n  ${line}`).join("")}`);
console.log(`imports from lib/ to outside lib/ (${outside.length}):${outside.map((line) => `\n  ${line}`).join("")}`);
if (process.argv.includes("--edges")) console.log(`folder arrows:\n  ${[...edges.keys()].sort().join("\n  ")}`);
