#!/usr/bin/env node
// compare-squawk.js CASE_DIR PGSHIFT_JSON SQUAWK_JSON RULES — pgshift lint's findings against
// squawk's on the same files, for the rules pgshift shares with squawk (RULES: `pgshift lint
// --list-rules`, whose `[squawk:NAME]` marks them). Findings are compared by file, line and rule.
// What differs must be exactly what CASE_DIR/differences lists, one per line:
//   FILE:LINE RULE only-squawk|only-pgshift  why (where history shows squawk wrong)
// Exit 0 when it is, 1 (printing what is not listed, or listed and not seen) otherwise.
'use strict';
const fs = require('fs');
const path = require('path');
const [caseDir, pgshiftJson, squawkJson, rulesText] = process.argv.slice(2);

const shared = new Map();  // pgshift rule -> squawk rule
for (const line of fs.readFileSync(rulesText, 'utf8').split('\n')) {
  const match = /^(\S+) \(\w+\): .*\[squawk:([^\]]+)\]$/.exec(line);
  if (match) shared.set(match[1], match[2]);
}
const squawkRules = new Set(shared.values());

const pgshift = new Set();
for (const finding of JSON.parse(fs.readFileSync(pgshiftJson, 'utf8')).findings)
  if (shared.has(finding.rule)) pgshift.add(`${path.basename(finding.file)}:${finding.line} ${shared.get(finding.rule)}`);
const squawk = new Set();
for (const finding of JSON.parse(fs.readFileSync(squawkJson, 'utf8')))
  if (squawkRules.has(finding.rule_name)) squawk.add(`${path.basename(finding.file)}:${finding.line + 1} ${finding.rule_name}`);

const listed = new Map();
const differencesFile = path.join(caseDir, 'differences');
if (fs.existsSync(differencesFile))
  for (const line of fs.readFileSync(differencesFile, 'utf8').split('\n')) {
    const match = /^(\S+ \S+) (only-squawk|only-pgshift) /.exec(line);
    if (match) listed.set(match[1], match[2]);
  }

let bad = 0;
const seen = new Set();
for (const key of squawk)
  if (!pgshift.has(key)) {
    seen.add(key);
    if (listed.get(key) !== 'only-squawk') { console.log(`squawk only, not listed: ${key}`); bad++; }
  }
for (const key of pgshift)
  if (!squawk.has(key)) {
    seen.add(key);
    if (listed.get(key) !== 'only-pgshift') { console.log(`pgshift only, not listed: ${key}`); bad++; }
  }
for (const key of listed.keys()) if (!seen.has(key)) { console.log(`listed, but both agree: ${key}`); bad++; }
const agreed = [...pgshift].filter((key) => squawk.has(key)).length;
console.log(`${path.basename(caseDir)}: ${agreed} findings the same, ${seen.size} different as listed${bad ? `, ${bad} not as listed` : ''}`);
process.exit(bad ? 1 : 0);
