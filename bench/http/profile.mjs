// `npm run bench:http:profile -- [route substring]`: the bench's world (setup.mjs) with workerd's V8
// inspector open; records a CPU profile of the Worker while it serves N requests of each chosen route
// and prints the functions with the most self time (with their bundle module), and writes the
// .cpuprofile files (open them in Chrome DevTools) to bench/.build/http/. For finding what is heavy,
// not for figures: the inspector slows everything down.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import { startBench } from "./setup.mjs";

const PORT = Number(process.env.BENCH_INSPECTOR_PORT ?? 9239);
const N = Number(process.env.BENCH_N ?? 300);
const only = process.argv[2];
const out = fileURLToPath(new URL("../.build/http/", import.meta.url));

function inspector(url) {
  const ws = new WebSocket(url);
  let id = 0;
  const waiting = new Map();
  ws.on("message", (data) => {
    const msg = JSON.parse(String(data));
    if (msg.id && waiting.has(msg.id)) {
      waiting.get(msg.id)(msg);
      waiting.delete(msg.id);
    }
  });
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const n = ++id;
      waiting.set(n, (msg) => (msg.error ? reject(new Error(`${method}: ${msg.error.message}`)) : resolve(msg.result)));
      ws.send(JSON.stringify({ id: n, method, params }));
    });
  return new Promise((resolve) => ws.on("open", () => resolve({ send, close: () => ws.close() })));
}

/** Pure: the bundle's source modules by first line (esbuild marks each with a `// path` comment). */
export function moduleLines(bundle) {
  const marks = [];
  bundle.split("\n").forEach((line, i) => {
    const m = /^\/\/ ((?:node_modules|src|web)\/\S+)$/.exec(line);
    if (m) marks.push({ line: i, module: m[1] });
  });
  return (line) => {
    let lo = 0;
    let hi = marks.length - 1;
    let found = "(runtime)";
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (marks[mid].line <= line) {
        found = marks[mid].module;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}

/** Pure: self time per function (name, module, line) and per source module from a V8 CPU profile, heaviest first. */
export function selfTimes(profile, moduleOf = () => "") {
  const dt = new Map();
  for (let i = 0; i < profile.samples.length; i++) dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const by = new Map();
  const byModule = new Map();
  let total = 0;
  for (const node of profile.nodes) {
    const us = dt.get(node.id) ?? 0;
    total += us;
    const f = node.callFrame;
    const mod = f.url.endsWith("index.js") ? moduleOf(f.lineNumber) : f.url || f.functionName;
    const key = `${f.functionName || "(anonymous)"} ${mod}:${f.lineNumber + 1}`;
    by.set(key, (by.get(key) ?? 0) + us);
    byModule.set(mod, (byModule.get(mod) ?? 0) + us);
  }
  const sorted = (m) => [...m].map(([key, us]) => ({ key, us })).sort((a, b) => b.us - a.us);
  return { total, rows: sorted(by), modules: sorted(byModule) };
}

async function main() {
  const { mf, routes, call } = await startBench({ inspectorPort: PORT });
  const moduleOf = moduleLines(readFileSync(`${out}worker/index.js`, "utf8"));
  try {
    const targets = await (await fetch(`http://127.0.0.1:${PORT}/json/list`)).json();
    const target = targets.find((t) => /chatiere/.test(t.id ?? t.title ?? ""));
    if (!target) throw new Error(`no chatiere inspector target in ${JSON.stringify(targets)}`);
    const insp = await inspector(target.webSocketDebuggerUrl);
    await insp.send("Profiler.enable");
    await insp.send("Profiler.setSamplingInterval", { interval: 100 });
    for (const r of routes.filter((r) => r.url.includes("chatiere.bench") && (!only || r.name.includes(only)))) {
      for (let i = 0; i < 50; i++) await call(r);
      await insp.send("Profiler.start");
      for (let i = 0; i < N; i++) await call(r);
      const { profile } = await insp.send("Profiler.stop");
      const file = `${out}${r.name.replace(/\W+/g, "-")}.cpuprofile`;
      writeFileSync(file, JSON.stringify(profile));
      const { total, rows, modules } = selfTimes(profile, moduleOf);
      console.log(`\n${r.name}: ${(total / 1000 / N).toFixed(2)} ms sampled per request (profile: ${file})`);
      const show = (row) => console.log(`  ${(row.us / 1000 / N).toFixed(3).padStart(7)} ms  ${row.key}`);
      console.log(" functions (self time):");
      rows.slice(0, 25).forEach(show);
      console.log(" modules (self time):");
      modules.slice(0, 15).forEach(show);
    }
    insp.close();
  } finally {
    await mf.dispose();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main().catch((err) => {
  console.error(err);
  process.exit(1);
});
