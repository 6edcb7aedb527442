// Lints Dockerfiles with dockerfile-utils (the validator behind the Docker language server of editors): syntax,
// instruction arguments, flags, durations, ports, duplicate stage names, instructions that only the last of
// counts. Any diagnostic, warning or error, fails. hadolint is not packaged in the registries reachable here.
// Exit code 0: no diagnostic; 1: at least one; 2: bad usage.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { validate } = require("dockerfile-utils");

if (process.argv.length < 3) {
  console.error("usage: node lint-dockerfiles.mjs Dockerfile [more ...]");
  process.exit(2);
}
let problems = 0;
for (const file of process.argv.slice(2)) {
  const diagnostics = validate(readFileSync(file, "utf8"));
  for (const d of diagnostics) {
    const severity = d.severity === 1 ? "error" : "warning";
    console.log(`${file}:${d.range.start.line + 1}: ${severity}: ${d.message}`);
  }
  problems += diagnostics.length;
  console.log(`${file}: ${diagnostics.length === 0 ? "clean" : diagnostics.length + " problem(s)"}`);
}
process.exit(problems === 0 ? 0 : 1);
