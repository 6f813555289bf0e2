#!/usr/bin/env bash
# pgshift lint against the peer tools that define the expected result (installed from
# tests/lint-peers/package-lock.json by scripts/lint-peers.sh):
#   squawk: every case of fixtures/lint/squawk gives squawk's findings for the rules pgshift
#     shares with it, file, line and rule, except the differences the case lists (where history
#     shows squawk wrong);
#   formats: `--format sarif` validates against the SARIF 2.1.0 schema (ajv), `--format github`
#     lines are workflow commands as the runner parses them, one per finding of the JSON output.
#   usage: lint_peers.sh squawk|formats PGSHIFT FIXTURES
set -uo pipefail
mode=${1:?usage: lint_peers.sh squawk|formats PGSHIFT FIXTURES}
bin=$(cd "$(dirname "${2:?}")" && pwd)/$(basename "$2")
fixtures=$(cd "${3:?}" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
peers=$("$root/scripts/lint-peers.sh" "$(dirname "$bin")/lint-peers") || { echo "cannot install the peers"; exit 1; }
export NODE_PATH=$peers
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
: >"$work/empty.toml"
failed=0
case "$mode" in
  squawk)
    "$bin" lint --list-rules >"$work/rules.txt"
    for case_dir in "$fixtures"/lint/squawk/*/; do
      "$bin" lint "$case_dir" --platform none --config "$work/empty.toml" --format json >"$work/pgshift.json"
      [ $? -le 1 ] || { echo "FAIL $(basename "$case_dir"): pgshift lint failed"; failed=1; continue; }
      (cd "$case_dir" && env -u GITHUB_ACTIONS "$peers/@squawk-cli/linux-x64/bin/squawk" --reporter json -c "$work/empty.toml" -- *.sql \
        </dev/null >"$work/squawk.json")
      [ $? -le 1 ] || { echo "FAIL $(basename "$case_dir"): squawk failed"; failed=1; continue; }
      node "$root/tests/lint-peers/compare-squawk.js" "$case_dir" "$work/pgshift.json" "$work/squawk.json" "$work/rules.txt" || failed=1
    done
    ;;
  formats)
    for source in "$fixtures"/lint/squawk/agree "$fixtures"/projects/supabase-guide; do
      "$bin" lint "$source" --config "$work/empty.toml" --format sarif >"$work/out.sarif"
      node "$root/tests/lint-peers/validate-sarif.js" "$work/out.sarif" || failed=1
      "$bin" lint "$source" --config "$work/empty.toml" --format json >"$work/out.json"
      "$bin" lint "$source" --config "$work/empty.toml" --format github >"$work/out.github"
      node - "$work/out.json" "$work/out.github" "$work/out.sarif" <<'JS' || failed=1
const fs = require('fs');
const [jsonFile, githubFile, sarifFile] = process.argv.slice(2);
const findings = JSON.parse(fs.readFileSync(jsonFile, 'utf8')).findings;
const lines = fs.readFileSync(githubFile, 'utf8').split('\n').filter((line) => line !== '');
const sarif = JSON.parse(fs.readFileSync(sarifFile, 'utf8'));
const unescape = (text) => text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
let bad = 0;
const fail = (message) => { console.log(message); bad++; };
if (lines.length !== findings.length) fail(`${lines.length} annotations for ${findings.length} findings`);
if (sarif.runs[0].results.length !== findings.length) fail(`${sarif.runs[0].results.length} SARIF results for ${findings.length} findings`);
lines.forEach((line, i) => {
  // As actions/runner's ActionCommand.TryParseV2 reads it: ::name k=v,k=v::message
  const match = /^::(error|warning|notice) ([^:]*(?::(?!:)[^:]*)*)::(.*)$/.exec(line);
  if (!match) return fail(`not a workflow command: ${line}`);
  const properties = Object.fromEntries(match[2].split(',').filter((p) => p).map((p) => [p.slice(0, p.indexOf('=')), unescape(p.slice(p.indexOf('=') + 1))]));
  const finding = findings[i];
  const level = { error: 'error', warning: 'warning', info: 'notice' }[finding.level];
  if (match[1] !== level) fail(`${line}: level ${match[1]}, not ${level}`);
  if (properties.file !== finding.file || properties.line !== String(finding.line) || properties.col !== String(finding.column) ||
      properties.title !== finding.rule)
    fail(`${line}: properties ${JSON.stringify(properties)} are not the finding's`);
  if (unescape(match[3]) !== `${finding.message}\n${finding.why}`) fail(`${line}: message is not the finding's`);
  const result = sarif.runs[0].results[i];
  const region = result.locations[0].physicalLocation.region;
  if (result.ruleId !== finding.rule || region.startLine !== finding.line || region.startColumn !== finding.column)
    fail(`SARIF result ${i} is not the finding`);
});
console.log(`${findings.length} findings: annotations and SARIF results match${bad ? `, ${bad} problems` : ''}`);
process.exit(bad ? 1 : 0);
JS
    done
    ;;
esac
exit $failed
