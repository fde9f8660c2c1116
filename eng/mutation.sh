#!/usr/bin/env bash
# Mutation testing (Stryker.NET, a local tool: .config/dotnet-tools.json) of the files that decide trust, whole: what
# every answer must pass and how it becomes a value or an exception (Http/AnswerChecks.cs, AnswerErrors.cs,
# AnswerReaders.cs, ResponseHeaders.cs, ResponseBody.cs, RetryRules.cs), streamed media (Media/MediaStream.cs,
# Media/TimedReadStream.cs), request signing (Http/RequestSigner.cs), callbacks (Callbacks/*.cs); and the JSON gate
# (Internal/JsonInput.cs, Internal/JsonPath.cs) and the request wire (Serialization/ScalarConverters.cs,
# ValueListConverters.cs, WireTypeTable.cs, WireObjectJsonConverterFactory.cs, OpenValues.cs, WireReadException.cs, RequestJsonContext.cs,
# Internal/RawProperties.cs). Settings: eng/stryker-config.json. Not run in CI: it takes tens of minutes on two cores.
#
#   eng/mutation.sh [extra dotnet-stryker arguments]
#   eng/mutation.sh --trust       only the files that decide trust (the first group)
#   eng/mutation.sh --wire        only the JSON gate and the request wire (the second group)
#   eng/mutation.sh --summary     prints the scores of the last run again, without running
#
# Reports (html, json) go to artifacts/mutation/reports/; the last lines printed are the score per file and the
# mutants that survived. Goal: at least 90 % on each file.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

trust=(
    "**/Http/AnswerChecks.cs"
    "**/Http/AnswerErrors.cs"
    "**/Http/AnswerReaders.cs"
    "**/Http/ResponseHeaders.cs"
    "**/Http/ResponseBody.cs"
    "**/Http/RetryRules.cs"
    "**/Media/MediaStream.cs"
    "**/Media/TimedReadStream.cs"
    "**/Http/RequestSigner.cs"
    "**/Callbacks/*.cs"
)
wire=(
    "**/Internal/JsonInput.cs"
    "**/Internal/JsonPath.cs"
    "**/Serialization/ScalarConverters.cs"
    "**/Serialization/ValueListConverters.cs"
    "**/Serialization/WireTypeTable.cs"
    "**/Serialization/WireObjectJsonConverterFactory.cs"
    "**/Serialization/OpenValues.cs"
    "**/Serialization/WireReadException.cs"
    "**/Serialization/RequestJsonContext.cs"
    "**/Internal/RawProperties.cs"
)
mutate=("${trust[@]}" "${wire[@]}")
if [ "${1:-}" = "--wire" ]; then
    shift
    mutate=("${wire[@]}")
fi
if [ "${1:-}" = "--trust" ]; then
    shift
    mutate=("${trust[@]}")
fi
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
# listed.
summarize_python() {
    python3 - "$report" <<'PY'
import json, re, sys
short = lambda f: re.sub(r".*/src/", "src/", f.replace("\\", "/"))
files = {short(f): v["mutants"] for f, v in json.load(open(sys.argv[1], encoding="utf-8"))["files"].items()}
total = {s: 0 for s in ("Killed", "Timeout", "Survived", "NoCoverage", "CompileError")}
for f in sorted(files):
    c = {s: sum(m["status"] == s for m in files[f]) for s in total}
    for s in total:
        total[s] += c[s]
    valid = c["Killed"] + c["Timeout"] + c["Survived"] + c["NoCoverage"]
    score = "   n/a" if valid == 0 else f"{int((c['Killed'] + c['Timeout']) * 1000 / valid) / 10} %"
    print(f"{score}\t{f}\tkilled {c['Killed']}, timeout {c['Timeout']}, survived {c['Survived']}, no coverage {c['NoCoverage']}, compile error {c['CompileError']}")
valid = total["Killed"] + total["Timeout"] + total["Survived"] + total["NoCoverage"]
if valid:
    print(f"{int((total['Killed'] + total['Timeout']) * 1000 / valid) / 10} %\tall files")
print("\nSurviving or uncovered mutants:")
for f in sorted(files):
    for m in sorted(files[f], key=lambda m: (m["location"]["start"]["line"], m["location"]["start"]["column"])):
        if m["status"] in ("Survived", "NoCoverage"):
            print(f"  {f}:{m['location']['start']['line']}:{m['location']['start']['column']}  {m['status']}  {m['mutatorName']}: {(m.get('replacement') or '').replace(chr(10), ' ')[:100]}")
PY
}

echo
echo "Mutation score per file (goal: 90 %):"
summarize_python
echo
echo "Report: $out/reports/mutation-report.html"
