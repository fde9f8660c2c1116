#!/usr/bin/env bash
# Packs the SDK, then builds and runs eng/consumer outside the repository against the .nupkg files from a local
# folder feed (a fresh package cache, so nothing stale is used): net10.0; net8.0 published self-contained so it runs
# on a real .NET 8 runtime; net6.0, which resolves the netstandard2.0 asset, rolled forward to the installed runtime.
# Usage: bash eng/consumer-smoke.sh   (exit 0 when every consumer ran its flow)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
feed="$root/artifacts/packages"
version=$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' "$root/Directory.Build.props")
rm -rf "$feed"
dotnet pack "$root/Identomat.Sdk.sln" -c Release -o "$feed" >/dev/null
ls "$feed"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The app in its own folder: the package cache beside it must not fall under its **/*.cs compile glob.
mkdir "$work/app"
cp "$root/eng/consumer/Consumer.csproj" "$root/eng/consumer/Program.cs" "$work/app/"
cat > "$work/app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="identomat-local" value="$feed" />
  </packageSources>
</configuration>
XML
cd "$work/app"
props=(-p:IdentomatVersion="$version" -p:RestorePackagesPath="$work/packages")

expect() {   # expect FRAMEWORK-NAME OUTPUT
    echo "$2"
    case "$2" in *"consumer ok: status approved, SDK build $1"*) ;; *) echo "expected the $1 build of the SDK"; exit 1 ;; esac
}

dotnet build -c Release -p:ConsumerFramework=net10.0 "${props[@]}" >/dev/null
expect ".NETCoreApp,Version=v10.0" "$(dotnet bin/Release/net10.0/Consumer.dll)"

dotnet publish -c Release -p:ConsumerFramework=net8.0 -r linux-x64 --self-contained "${props[@]}" -o out8 >/dev/null
expect ".NETCoreApp,Version=v8.0" "$(./out8/Consumer)"
grep -q '"version": "8\.' out8/Consumer.runtimeconfig.json 2>/dev/null || ls out8/libcoreclr.so >/dev/null

dotnet build -c Release -p:ConsumerFramework=net6.0 "${props[@]}" >/dev/null
expect ".NETStandard,Version=v2.0" "$(DOTNET_ROLL_FORWARD=Major dotnet bin/Release/net6.0/Consumer.dll)"
echo "consumer smoke test passed"
