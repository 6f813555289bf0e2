# Sourced by test scripts: golden files, the expected output kept in the repository.
# golden FILE < ACTUAL: passes when the input equals FILE byte for byte; otherwise prints a diff
# and fails. With PGSHIFT_UPDATE_GOLDEN=1 the file is rewritten instead (review it with git diff).
golden() {
  local file=$1 actual
  actual=$(mktemp)
  cat >"$actual"
  if [ -f "$file" ] && cmp -s "$actual" "$file"; then rm -f "$actual"; return 0; fi
  if [ -n "${PGSHIFT_UPDATE_GOLDEN:-}" ] && [ "$PGSHIFT_UPDATE_GOLDEN" != 0 ]; then
    mv "$actual" "$file"; echo "updated $file"; return 0
  fi
  if [ -f "$file" ]; then
    echo "$file differs (- golden, + actual; PGSHIFT_UPDATE_GOLDEN=1 rewrites it for review)"
    diff -u "$file" "$actual" | tail -n +3 | head -60 | sed 's/^/    /'
  else
    echo "$file is missing; make it with PGSHIFT_UPDATE_GOLDEN=1 and review it (git diff)"
    head -20 "$actual" | sed 's/^/    +/'
  fi
  rm -f "$actual"
  return 1
}
