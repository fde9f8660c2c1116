#!/usr/bin/env bash
# Mutation testing (Stryker.NET, a local tool: .config/dotnet-tools.json) of the code that signs, verifies and
# authenticates: request signing (Http/RequestSigner.cs), streamed media verification (Http/MediaStream.cs), callback
# authentication and parsing (Callbacks/IdentomatCallbacks.cs), the JSON gate the callbacks pass (Internal/JsonInput.cs),
# and response verification in Http/AnswerClassifier.cs (Classify through SignatureOf); and the request wire: its
# converters (Serialization/WireConverters.cs), read-error paths (Serialization/WireReadException.cs), metadata helpers
# (Serialization/WireJsonContext.cs) and unknown properties (Internal/RawProperties.cs). Settings: eng/stryker-config.json.
# Not run in CI: it takes several minutes.
#
#   eng/mutation.sh [extra dotnet-stryker arguments]
#   eng/mutation.sh --summary     prints the scores of the last run again, without running
#
# Reports (html, json) go to artifacts/mutation/reports/; the last lines printed are the score per file and the
# mutants that survived. Goal: at least 90 % on each file.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

sdk=src/Identomat.Sdk
transport=$sdk/Http/AnswerClassifier.cs

# Stryker's "{start..end}" suffix on a mutate pattern is a range of character offsets (UTF-16 code units, as Roslyn
# counts them); a mutant is kept when its whole span lies inside. The range is computed from the source so that it
# follows edits: from the line declaring Classify to the end of the expression-bodied SignatureOf after it.
chars_through_line() { # chars_through_line FILE N: UTF-16 code units in lines 1..N (a code point outside the BMP counts 2)
    local bytes continuation astral
    bytes=$(head -n "$2" "$1" | LC_ALL=C wc -c)
    continuation=$(head -n "$2" "$1" | LC_ALL=C tr -cd '\200-\277' | LC_ALL=C wc -c)
    astral=$(head -n "$2" "$1" | LC_ALL=C tr -cd '\360-\367' | LC_ALL=C wc -c)
    echo $((bytes - continuation + astral))
}
first=$(grep -n -m1 -E '^[[:space:]]*public T Classify<T>\(' "$transport" | cut -d: -f1) || true
signature=$(grep -n -m1 -E '^[[:space:]]*internal static string\? SignatureOf\(' "$transport" | cut -d: -f1) || true
if [ -z "$first" ] || [ -z "$signature" ] || [ "$signature" -lt "$first" ]; then
    echo "eng/mutation.sh: Classify and then SignatureOf were not found in $transport; update the patterns in this script." >&2
    exit 2
fi
last=$(awk -v from="$signature" 'NR >= from && /;[[:space:]]*$/ { print NR; exit }' "$transport")
span_start=$(chars_through_line "$transport" $((first - 1)))
span_end=$(chars_through_line "$transport" "$last")

mutate=(
    "**/Http/RequestSigner.cs"
    "**/Http/MediaStream.cs"
    "**/Callbacks/IdentomatCallbacks.cs"
    "**/Internal/JsonInput.cs"
    "**/Http/AnswerClassifier.cs{${span_start}..${span_end}}"
    "**/Serialization/WireConverters.cs"
    "**/Serialization/WireReadException.cs"
    "**/Serialization/WireJsonContext.cs"
    "**/Internal/RawProperties.cs"
)
mutate_args=()
for pattern in "${mutate[@]}"; do
    mutate_args+=(--mutate "$pattern")
done

out=$root/artifacts/mutation
report=$out/reports/mutation-report.json

if [ "${1:-}" = "--summary" ]; then
    shift
else
    rm -rf "$out"
    mkdir -p "$out"
    dotnet tool restore >/dev/null
    echo "== Stryker.NET on ${mutate[*]}"
    echo "   (AnswerClassifier.cs lines $first-$last: Classify through SignatureOf)"
    started=$(date +%s)
    (
        cd tests/Identomat.Sdk.Tests
        dotnet tool run dotnet-stryker \
            --config-file "$root/eng/stryker-config.json" \
            --output "$out" \
            --skip-version-check \
            --break-on-initial-test-failure \
            "${mutate_args[@]}" \
            "$@"
    )
    echo "== Stryker finished in $(($(date +%s) - started)) s"
fi

if [ ! -f "$report" ]; then
    echo "eng/mutation.sh: no JSON report at $report" >&2
    exit 1
fi

# Score per file, as mutation-testing-elements computes it: (killed + timeout) / (killed + timeout + survived + no
# coverage). Compile errors (mutants that do not build) and ignored mutants do not count. Only the mutated files are
# listed, and for AnswerClassifier.cs only the mutants on lines $first-$last.
files="RequestSigner.cs MediaStream.cs IdentomatCallbacks.cs JsonInput.cs AnswerClassifier.cs WireConverters.cs WireReadException.cs WireJsonContext.cs RawProperties.cs"
summarize_jq() {
    jq -r --arg files "$files" --argjson first "$first" --argjson last "$last" '
      def count(s): [.mutants[] | select(.status == s)] | length;
      def short: gsub("\\\\"; "/") | sub(".*/src/"; "src/");
      .files
      | with_entries(select((.key | short | split("/") | last) as $name | ($files | split(" ") | index($name)) != null))
      | with_entries(if (.key | endswith("AnswerClassifier.cs"))
          then .value.mutants |= map(select(.location.start.line >= $first and .location.end.line <= $last)) else . end)
      | to_entries | sort_by(.key)
      | (.[] |
          (.value | {k: count("Killed"), t: count("Timeout"), s: count("Survived"), n: count("NoCoverage"), c: count("CompileError")}) as $c |
          ($c.k + $c.t + $c.s + $c.n) as $valid |
          "\(if $valid == 0 then "   n/a" else "\((($c.k + $c.t) * 1000 / $valid | floor) / 10) %" end)\t\(.key | short)\tkilled \($c.k), timeout \($c.t), survived \($c.s), no coverage \($c.n), compile error \($c.c)"),
        "",
        "Surviving or uncovered mutants:",
        (.[] | (.key | short) as $f | .value.mutants | sort_by(.location.start.line, .location.start.column)[] |
          select(.status == "Survived" or .status == "NoCoverage") |
          "  \($f):\(.location.start.line):\(.location.start.column)  \(.status)  \(.mutatorName): \(.replacement // "" | gsub("\n"; " ") | .[0:100])")
    ' "$report"
}
summarize_python() {
    python3 - "$report" "$files" "$first" "$last" <<'PY'
import json, re, sys
report, names, first, last = sys.argv[1], sys.argv[2].split(), int(sys.argv[3]), int(sys.argv[4])
short = lambda f: re.sub(r".*/src/", "src/", f.replace("\\", "/"))
files = {}
for f, v in json.load(open(report, encoding="utf-8"))["files"].items():
    if short(f).split("/")[-1] in names:
        ms = v["mutants"]
        if f.endswith("AnswerClassifier.cs"):
            ms = [m for m in ms if m["location"]["start"]["line"] >= first and m["location"]["end"]["line"] <= last]
        files[short(f)] = ms
for f in sorted(files):
    c = {s: sum(m["status"] == s for m in files[f]) for s in ("Killed", "Timeout", "Survived", "NoCoverage", "CompileError")}
    valid = c["Killed"] + c["Timeout"] + c["Survived"] + c["NoCoverage"]
    score = "   n/a" if valid == 0 else f"{int((c['Killed'] + c['Timeout']) * 1000 / valid) / 10} %"
    print(f"{score}\t{f}\tkilled {c['Killed']}, timeout {c['Timeout']}, survived {c['Survived']}, no coverage {c['NoCoverage']}, compile error {c['CompileError']}")
print("\nSurviving or uncovered mutants:")
for f in sorted(files):
    for m in sorted(files[f], key=lambda m: (m["location"]["start"]["line"], m["location"]["start"]["column"])):
        if m["status"] in ("Survived", "NoCoverage"):
            print(f"  {f}:{m['location']['start']['line']}:{m['location']['start']['column']}  {m['status']}  {m['mutatorName']}: {(m.get('replacement') or '').replace(chr(10), ' ')[:100]}")
PY
}

echo
echo "Mutation score per file (goal: 90 %; AnswerClassifier.cs: lines $first-$last only):"
if command -v jq >/dev/null 2>&1; then
    summarize_jq
elif command -v python3 >/dev/null 2>&1; then
    summarize_python
else
    echo "  (install jq or python3 to print the scores here)"
fi
echo
echo "Report: $out/reports/mutation-report.html"
