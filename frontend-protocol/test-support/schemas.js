import { readdirSync, readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export const SCHEMA_BASE = 'https://centrik.org/protocol/schemas/';
export const schemasDir = new URL('../schemas/', import.meta.url);

export function loadSchemas() {
  return readdirSync(schemasDir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, schema: JSON.parse(readFileSync(new URL(file, schemasDir), 'utf8')) }));
}

/** Ajv (draft 2020-12, strict, formats asserted) holding every schema of ../schemas by its $id. */
export function createAjv() {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  addFormats(ajv);
  for (const { schema } of loadSchemas()) ajv.addSchema(schema);
  return ajv;
}

let shared;

/** A validator for one schema file, e.g. validatorFor('live-message.json'). */
export function validatorFor(file) {
  shared ??= createAjv();
  const validate = shared.getSchema(SCHEMA_BASE + file);
  if (!validate) throw new Error(`no schema ${file}`);
  return validate;
}

/** Throws an AssertionError-like Error naming every violation when `value` breaks `file`. */
export function assertValid(file, value) {
  const validate = validatorFor(file);
  if (!validate(value)) {
    const problems = validate.errors.map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
    throw new Error(`does not match ${file}:\n  ${problems.join('\n  ')}\nmessage: ${JSON.stringify(value).slice(0, 2000)}`);
  }
}
