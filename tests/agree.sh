# Sourced by test scripts: `check` and `diff` must never disagree.
# agree PGSHIFT FROM TO [OPTIONS...]: `check FROM TO` says equal exactly when `diff FROM TO` plans
# nothing (no statement and no note), both with OPTIONS. Prints what disagrees and returns 1; 2
# when either command fails.
agree() {
  local bin=$1 from=$2 to=$3; shift 3
  local report plan status planned
  report=$("$bin" check "$from" "$to" "$@" 2>&1); status=$?
  if [ "$status" -gt 1 ]; then echo "check $*: exit $status"; echo "$report" | head -20; return 2; fi
  if ! plan=$("$bin" diff "$from" "$to" "$@" --allow-hazards all --format json 2>"${TMPDIR:-/tmp}/agree.$$"); then
    echo "diff $*: failed"; head -20 "${TMPDIR:-/tmp}/agree.$$"; rm -f "${TMPDIR:-/tmp}/agree.$$"; return 2
  fi
  rm -f "${TMPDIR:-/tmp}/agree.$$"
  planned=$(echo "$plan" | jq '(.statements | length) + (.notes | length)')
  if [ "$status" = 0 ] && [ "$planned" != 0 ]; then
    echo "check $* says equal, diff plans:"; echo "$plan" | jq -r '.statements[].sql, .notes[]' | head -20; return 1
  fi
  if [ "$status" = 1 ] && [ "$planned" = 0 ]; then
    echo "diff $* plans nothing, check says:"; echo "$report" | grep -v "not modelled" | head -20; return 1
  fi
  return 0
}

# agree_both_ways PGSHIFT A B: agree A B and agree B A, with and without the database's help.
agree_both_ways() {
  local bin=$1 a=$2 b=$3 failed=0 options
  for options in "" "--no-elaborate"; do
    # shellcheck disable=SC2086
    agree "$bin" "$a" "$b" $options || failed=1
    # shellcheck disable=SC2086
    agree "$bin" "$b" "$a" $options || failed=1
  done
  return $failed
}
