#!/usr/bin/env bash
# Step 2 of the action: run one accord command as the inputs say, annotate the diff, write
# the job summary and set the outputs. Runs in the input's working directory.
#
# Inputs come as INPUT_* variables (action.yml maps them), the binary as ACCORD_BIN.
#
# The backquotes in single-quoted printf formats are Markdown code fences, not expansions.
# shellcheck disable=SC2016
set -uo pipefail

accord="${ACCORD_BIN:?ACCORD_BIN is not set: the install step did not run}"
command="${INPUT_COMMAND:-lint}"
fail_on="${INPUT_FAIL_ON:-error}"
summary="${GITHUB_STEP_SUMMARY:-/dev/null}"
output="${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"

out() { echo "$1=$2" >>"$output"; }
fail() {
  echo "::error title=accord::$1"
  exit 2
}

# `args` split as a shell splits words (quotes, backslashes) without expanding anything:
# xargs does exactly that and never runs what it reads.
extra=()
if [ -n "${INPUT_ARGS:-}" ]; then
  if ! err="$(printf '%s\n' "$INPUT_ARGS" | xargs -r printf '%s\0' 2>&1 >/dev/null)" || [ -n "$err" ]; then
    fail "args: $err"
  fi
  mapfile -d '' extra < <(printf '%s\n' "$INPUT_ARGS" | xargs -r printf '%s\0')
fi

# The broker commands read these (a flag in args wins).
[ -n "${INPUT_BROKER_URL:-}" ] && export ACCORD_BROKER_URL="$INPUT_BROKER_URL"
if [ -n "${INPUT_BROKER_TOKEN:-}" ]; then
  echo "::add-mask::$INPUT_BROKER_TOKEN"
  export ACCORD_BROKER_TOKEN="$INPUT_BROKER_TOKEN"
fi

# The revision `breaking` and `changelog` compare with, into $rev: the input, else the pull request's base
# branch, fetched when the checkout left it out (actions/checkout fetches one commit).
against_rev() {
  if [ -n "${INPUT_AGAINST:-}" ]; then
    rev="$INPUT_AGAINST"
    return
  fi
  local base="${GITHUB_BASE_REF:-}"
  [ -n "$base" ] || fail "$command: no 'against' input and no pull request base branch (GITHUB_BASE_REF); set 'against', e.g. origin/main"
  rev="origin/$base"
  git rev-parse --verify --quiet "$rev^{commit}" >/dev/null && return
  local depth=()
  # Deepening a full clone would make it shallow; only a shallow one gets --depth.
  [ "$(git rev-parse --is-shallow-repository 2>/dev/null)" = true ] && depth=(--depth=1)
  git fetch --no-tags "${depth[@]}" origin "+refs/heads/$base:refs/remotes/$rev" ||
    fail "$command: could not fetch the base branch '$base' from origin"
}

# Counts from a markdown report's summary line (`**E error(s), W warning(s), I info(s)**`).
counts() {
  local line e w i
  line="$(grep -m1 -E '^\*\*[0-9]+ error\(s\), [0-9]+ warning\(s\), [0-9]+ info\(s\)\*\*$' <<<"$1")"
  if [ -z "$line" ]; then
    out findings 0
    out errors 0
    return
  fi
  read -r e w i < <(sed -E 's/[^0-9]+/ /g' <<<"$line")
  out findings $((e + w + i))
  out errors "$e"
}

# A workflow command's property value, escaped as accord's github format escapes it.
property() {
  local s="${1//%/%25}"
  s="${s//:/%3A}"
  printf '%s' "${s//,/%2C}"
}

# GitHub refuses a step summary over 1 MiB; a report that large is cut at a line, with a
# note counting the items (lines matching $2: table rows by default) kept and written
# (ACCORD_SUMMARY_LIMIT, in bytes, lets the tests use a small limit).
fit_summary() {
  local table_row='^| [a-z]* | `'
  local text="$1" item="${2:-$table_row}" limit="${ACCORD_SUMMARY_LIMIT:-1000000}"
  if [ "$(printf '%s' "$text" | wc -c)" -le "$limit" ]; then
    printf '%s\n' "$text"
    return
  fi
  local kept rows total
  kept="$(printf '%s' "$text" | head -c "$((limit > 300 ? limit - 300 : 0))" | sed '$d')"
  rows="$(grep -c "$item" <<<"$kept")"
  total="$(grep -c "$item" <<<"$text")"
  printf '%s\n\n%s of %s findings shown: the rest did not fit in the 1 MiB job summary. Every finding is in the step log (and annotated, up to GitHub'"'"'s limit per step).\n' "$kept" "$rows" "$total"
}

# lint / breaking: annotations on the log, the same findings as markdown in the summary.
findings_command() {
  local cmd=("$accord" "$command")
  if [ "$command" = breaking ]; then
    against_rev
    cmd+=(--against-git "$rev")
  fi
  cmd+=("${extra[@]}")
  # Annotations name files from the repository's root; accord names them from its working
  # directory, which is the `working-directory` input.
  local prefix=""
  if [ -n "${GITHUB_WORKSPACE:-}" ]; then
    local ws here
    ws="$(cd "$GITHUB_WORKSPACE" && pwd -P)" here="$(pwd -P)"
    [ "$here" != "$ws" ] && [ "${here#"$ws"/}" != "$here" ] && prefix="${here#"$ws"/}/"
  fi
  local line rc
  if [ -z "$prefix" ]; then
    "${cmd[@]}" --format github --fail-on "$fail_on"
    rc=$?
  else
    local escaped
    escaped="$(property "$prefix")"
    "${cmd[@]}" --format github --fail-on "$fail_on" | while IFS= read -r line || [ -n "$line" ]; do
      if [[ "$line" =~ ^(::[a-z]+\ file=)(.*)$ ]]; then
        line="${BASH_REMATCH[1]}$escaped${BASH_REMATCH[2]}"
      fi
      printf '%s\n' "$line"
    done
    rc=${PIPESTATUS[0]}
  fi
  local report
  report="$("${cmd[@]}" --format markdown --fail-on none 2>&1)"
  local mrc=$?
  if [ "$mrc" -eq 0 ]; then
    # The report's own heading names the tool; the summary's names the command too.
    fit_summary "$(printf '## accord %s\n%s\n' "$command" "$(sed 1d <<<"$report")")" >>"$summary"
    counts "$report"
  else
    printf '## accord %s\n\nFailed (exit %s):\n\n```\n%s\n```\n' "$command" "$mrc" "$report" >>"$summary"
  fi
  return "$rc"
}

# can-i-deploy: the JSON answer decides the output; the exit code is accord's.
can_i_deploy() {
  local json rc deployable reason
  json="$("$accord" can-i-deploy "${extra[@]}" --output json)"
  rc=$?
  printf '%s\n' "$json"
  # accord's answer is at the top; the broker's own summary is kept under `summary`.
  deployable="$(jq -r '(if has("deployable") then .deployable else .summary.deployable end)
    | if . == null then "unknown" else tostring end' <<<"$json" 2>/dev/null)" ||
    deployable=unknown
  reason="$(jq -r '.reason // .summary.reason // ""' <<<"$json" 2>/dev/null)" || reason=""
  out deployable "$deployable"
  case "$deployable" in
    true) verdict="yes" ;;
    false) verdict="no" ;;
    *) verdict="unknown" ;;
  esac
  printf '## accord can-i-deploy\n\n**Deployable: %s**%s\n' "$verdict" "${reason:+ — $reason}" >>"$summary"
  return "$rc"
}

# changelog: every change since the base revision, breaking or not, as markdown in the log
# and the job summary. Not a gate: fails only on a bad input, or when `args` has --fail-on.
changelog() {
  against_rev
  local report rc line
  report="$("$accord" changelog --against-git "$rev" --format markdown "${extra[@]}" 2>&1)"
  rc=$?
  printf '%s\n' "$report"
  if [ "$rc" -le 1 ]; then
    # The report's own heading is for release notes; the summary's names the tool.
    fit_summary "$(printf '## accord changelog\n%s\n' "$(sed 1d <<<"$report")")" '^- \*\*[a-z]*\*\*' >>"$summary"
    # `**N change(s) in … : E error(s), W warning(s), I info(s)**`, or `No changes.`
    line="$(grep -m1 -E '^\*\*[0-9]+ change\(s\) .*: [0-9]+ error\(s\), [0-9]+ warning\(s\), [0-9]+ info\(s\)\*\*$' <<<"$report")"
    if [ -n "$line" ]; then
      # Its numbers: changes, endpoints, errors, warnings, infos.
      read -r n _ e _ _ < <(sed -E 's/[^0-9]+/ /g' <<<"$line")
      out findings "$n"
      out errors "$e"
    else
      out findings 0
      out errors 0
    fi
  else
    printf '## accord changelog\n\nFailed (exit %s):\n\n```\n%s\n```\n' "$rc" "$report" >>"$summary"
  fi
  return "$rc"
}

# Any other command: its output goes to the log and the summary.
passthrough() {
  local text rc
  text="$("$accord" "$command" "${extra[@]}" 2>&1)"
  rc=$?
  printf '%s\n' "$text"
  printf '## accord %s\n\n```\n%s\n```\n' "$command" "$text" >>"$summary"
  return "$rc"
}

case "$command" in
  lint | breaking) findings_command ;;
  changelog) changelog ;;
  can-i-deploy) can_i_deploy ;;
  publish | record-deployment) passthrough ;;
  *) fail "unknown command '$command' (lint, breaking, publish, can-i-deploy, record-deployment, changelog)" ;;
esac
