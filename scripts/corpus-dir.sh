# Sourced: sets `corpus` to the shared corpus of real migration histories: $PGSHIFT_CORPUS, else
# ../shared/corpus beside the checkout, or beside the main checkout when this is a git worktree
# (/work/wt/NAME has no ../shared). Expects `root`, the repository. The folder may not exist.
corpus=${PGSHIFT_CORPUS:-$root/../shared/corpus}
if [ -z "${PGSHIFT_CORPUS:-}" ] && [ ! -d "$corpus" ] &&
   common=$(git -C "$root" rev-parse --path-format=absolute --git-common-dir 2>/dev/null); then
  corpus=$(dirname "$common")/../shared/corpus
fi
