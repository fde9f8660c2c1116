#!/usr/bin/env bash
# Cold start: wall time of a fresh process that completes its first BeginSessionAsync, JIT vs NativeAOT.
# Usage: bash benchmarks/coldstart.sh [runs]   (default 20; prints the medians and the AOT/JIT ratio)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
out=artifacts/coldstart
dotnet publish benchmarks/Identomat.Sdk.ColdStart -c Release -o "$out/jit" >/dev/null
dotnet publish benchmarks/Identomat.Sdk.ColdStart -c Release -r linux-x64 -p:ColdStartAot=true -o "$out/aot" >/dev/null

median_ms() {
    local samples=()
    for _ in $(seq "$runs"); do
        local start end
        start=$(date +%s%N)
        "$@" >/dev/null
        end=$(date +%s%N)
        samples+=($(( (end - start) / 1000 )))
    done
    printf '%s\n' "${samples[@]}" | sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.1f", m / 1000}'
}

"$out/aot/Identomat.Sdk.ColdStart"   # warm the file cache once
dotnet "$out/jit/Identomat.Sdk.ColdStart.dll"
jit=$(median_ms dotnet "$out/jit/Identomat.Sdk.ColdStart.dll")
aot=$(median_ms "$out/aot/Identomat.Sdk.ColdStart")
echo "runs: $runs"
echo "JIT (framework-dependent): ${jit} ms"
echo "NativeAOT:                 ${aot} ms"
awk -v a="$aot" -v j="$jit" 'BEGIN { printf "AOT / JIT: %.2f\n", a / j }'
