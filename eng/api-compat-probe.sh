#!/usr/bin/env bash
# Proves package validation guards the public API: packs Identomat.Sdk as a baseline, then packs a copy of the repo
# against that baseline (PackageValidationBaselineVersion) twice: unchanged (must pass) and with one public member
# removed (must fail with CP0002). Usage: bash eng/api-compat-probe.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
feed="$work/feed"
# The baseline is this same tree, so the probe shows the mechanism rather than guarding a change: one target framework
# shows it at a third of the time. (Every pack of the real package validates its three target frameworks against each
# other; the suppressions file is for that, unused here, hence permitted.)
props=(-c Release -p:TargetFrameworks=net10.0 -p:ApiCompatPermitUnnecessarySuppressions=true -p:RestorePackagesPath="$work/packages" -p:RestoreAdditionalProjectSources="$feed")

mkdir -p "$feed"

copy() {   # copy DIR: the files a pack of Identomat.Sdk needs, without build outputs
    mkdir -p "$1"
    cp -r "$root/src" "$root/Directory.Build.props" "$root/global.json" "$root/.editorconfig" "$root/README.md" "$root/CHANGELOG.md" "$1/"
    mkdir -p "$1/eng"
    cp "$root/eng/Identomat.Sdk.snk" "$root/eng/icon.png" "$1/eng/"
    rm -rf "$1"/src/*/bin "$1"/src/*/obj
}

copy "$work/base"
if ! dotnet pack "$work/base/src/Identomat.Sdk" "${props[@]}" -p:VersionPrefix=0.9.0 -o "$feed" >"$work/base.log" 2>&1; then
    grep -E "error" "$work/base.log" | sort -u | head -20
    echo "the baseline did not pack"
    exit 1
fi

copy "$work/same"
if ! dotnet pack "$work/same/src/Identomat.Sdk" "${props[@]}" -p:VersionPrefix=0.9.1 -p:PackageValidationBaselineVersion=0.9.0 -o "$work/out" >"$work/same.log" 2>&1; then
    grep -E "error" "$work/same.log" | sort -u | head -20
    echo "the unchanged API failed validation against its own baseline"
    exit 1
fi

copy "$work/broken"
sed -i '/public static DocumentType ResidenceLicense/d' "$work/broken/src/Identomat.Sdk/KnownValues/DocumentType.cs"
if dotnet pack "$work/broken/src/Identomat.Sdk" "${props[@]}" -p:VersionPrefix=0.9.1 -p:PackageValidationBaselineVersion=0.9.0 -o "$work/out" >"$work/broken.log" 2>&1; then
    echo "removing DocumentType.ResidenceLicense was not caught"
    exit 1
fi

grep -oE "error CP0002: [^[]*" "$work/broken.log" | sort -u
echo "api compatibility probe passed: the unchanged API validates, a removed member fails with CP0002"
