// Validates Kubernetes objects against the Kubernetes OpenAPI schemas compiled into the npm packages
// kubernetes-models (Kubernetes 1.27 API) and @kubernetes-models/prometheus-operator (ServiceMonitor).
// Input: JSON files, each an array of objects (HelmChartTest writes the rendered chart this way).
// Checked: apiVersion/kind known to the schema set, required fields, types, enums and formats.
// Not checked by these schemas: unknown fields (the Kubernetes schemas allow them); HelmChartTest checks the
// fields that matter to Vitalink itself.
// Exit code 0: every object valid; 1: at least one invalid or unknown object; 2: bad usage.
import { readFileSync } from "node:fs";

const MODULES = {
  "monitoring.coreos.com/v1": "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1",
};

async function modelFor(apiVersion, kind) {
  const path = MODULES[apiVersion] ?? `kubernetes-models/${apiVersion}`;
  let module;
  try {
    module = await import(path);
  } catch (e) {
    return null;
  }
  return module[kind] ?? null;
}

if (process.argv.length < 3) {
  console.error("usage: node validate-manifests.mjs rendered.json [more.json ...]");
  process.exit(2);
}

let invalid = 0;
let checked = 0;
for (const file of process.argv.slice(2)) {
  const objects = JSON.parse(readFileSync(file, "utf8"));
  for (const object of objects) {
    const name = `${file}: ${object.apiVersion} ${object.kind} ${object.metadata?.name}`;
    const Model = await modelFor(object.apiVersion, object.kind);
    checked++;
    if (!Model) {
      console.log(`INVALID ${name}: no schema for this apiVersion and kind`);
      invalid++;
      continue;
    }
    try {
      new Model(object).validate();
      console.log(`valid   ${name}`);
    } catch (e) {
      console.log(`INVALID ${name}: ${e.message}`);
      invalid++;
    }
  }
}
console.log(`${checked} objects checked, ${invalid} invalid`);
process.exit(invalid === 0 ? 0 : 1);
