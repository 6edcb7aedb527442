// Derives from the OpenAPI document this build generated what the console needs besides openapi-typescript's types:
// the roles allowed per operation (x-vitalink-roles) and the error codes, so screens show only what a role may use
// and every code has its words in every language.
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

const [documentPath, outPath] = process.argv.slice(2);
const document = parse(readFileSync(documentPath, 'utf8'));

const roles = {};
for (const operations of Object.values(document.paths)) {
  for (const operation of Object.values(operations)) {
    if (operation && operation.operationId) {
      roles[operation.operationId] = operation['x-vitalink-roles'] ?? null;
    }
  }
}
const codes = document.components.schemas.Problem.properties.code.enum;
writeFileSync(outPath, JSON.stringify({ roles, codes }, null, 2) + '\n');
console.log(`${Object.keys(roles).length} operations, ${codes.length} error codes → ${outPath}`);
