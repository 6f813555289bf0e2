#!/usr/bin/env node
// validate-sarif.js FILE... — validate SARIF 2.1.0 logs offline against the
// sarif-2.1.0.json beside it (copied from the npm package
// @microsoft/sarif-multitool-linux@5.7.0, MIT). Exit 0 if all valid, 1 if not.
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, 'sarif-2.1.0.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

let bad = 0;
for (const file of process.argv.slice(2)) {
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (validate(doc)) {
    console.log(`${file}: valid`);
  } else {
    bad++;
    console.log(`${file}: INVALID`);
    for (const e of validate.errors) console.log(`  ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  }
}
process.exit(bad ? 1 : 0);
