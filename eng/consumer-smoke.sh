#!/usr/bin/env bash
# The packages as integrators meet them, outside the repository, with one fresh package cache shared by every build:
#  1. the README's local-install block, run verbatim: its packing half in a copy of the clone kept under a folder named
#     src/ (~/src/identomat-dotnet), which packs the six packages without a warning and with no path of the copy inside
#     them; its app half in a new solution folder, the copy's path filled in;
#  2. eng/consumer on net10.0 (with the in-process fake), net8.0 self-contained on a real .NET 8 runtime, and net6.0
#     (the netstandard2.0 asset);
#  3. a net8.0 ASP.NET Core app on Identomat.Sdk alone: its publish output carries no Microsoft.Extensions.* or
#     System.Text.Json assembly (the shared framework's are used);
#  4. a net8.0 app on the in-process fake (Identomat.Sdk.Testing): no WireMock in its graph;
#  5. a net48 app compiled against the netstandard2.0 build with LangVersion 12, as the README says;
#  6. the README's F# block (eng/consumer-fsharp) compiled with warnings as errors, and run;
#  7. an app on the SQLite engine of the lifecycle does not pull Npgsql (the lifecycle package references no database
#     provider);
#  8. an integrator's browser test (eng/consumer-browser): the packed fake's widget in headless Chromium to a typed
#     result (skipped, saying so, where Chromium is not installed and CI is not set).
# Prints the package counts of the net8.0 consumers. Usage: bash eng/consumer-smoke.sh (exit 0 when all passed)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' "$root/Directory.Build.props")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NUGET_PACKAGES="$work/packages" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

packages() {   # packages ASSETS_JSON: how many NuGet packages a restored project pulls in
    python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); print(sum(1 for v in a["libraries"].values() if v["type"]=="package"))' "$1"
}

# 1. The README's commands: the lines before "in your application's folder" run in the clone, the rest in the app.
block=$(awk '/<!-- local-install/ {found=1; next} found && /^```bash/ {inside=1; next} inside && /^```/ {exit} inside {print}' "$root/README.md")
[ -n "$block" ] || { echo "README.md has no local-install block"; exit 1; }
in_repo=$(printf '%s\n' "$block" | awk '/in your solution.s folder/ {exit} !/^#/ && NF')
in_app=$(printf '%s\n' "$block" | awk 'seen && !/^#/ && NF; /in your solution.s folder/ {seen=1}')
# Packed as a developer packs, outside CI, in a git clone kept under src/ (with this working tree's files, uncommitted
# changes included): without a warning, and reproducible (no path of this machine inside the packages).
clone="$work/src/identomat-dotnet"
git clone -q "$root" "$clone"
(cd "$root" && git ls-files -co --exclude-standard -z | xargs -0 -I{} cp --parents {} "$clone/")
pack_log=$(cd "$clone" && env -u CI -u ContinuousIntegrationBuild bash -euo pipefail -c "$in_repo" 2>&1) || { echo "$pack_log" | tail -20; exit 1; }
if echo "$pack_log" | grep -E "warning|error" >/dev/null; then
    echo "packing a clone under src/ warned:"
    echo "$pack_log" | grep -E "warning|error" | sort -u
    exit 1
fi
feed="$clone/artifacts/packages"
packed=$(cd "$feed" && ls *.nupkg | sort | tr '\n' ' ')
expected="Identomat.Sdk.$version.nupkg Identomat.Sdk.Lifecycle.$version.nupkg Identomat.Sdk.Lifecycle.PostgreSql.$version.nupkg Identomat.Sdk.Lifecycle.Sqlite.$version.nupkg Identomat.Sdk.Testing.$version.nupkg Identomat.Sdk.Testing.WireMock.$version.nupkg "
[ "$packed" = "$expected" ] || { echo "a clone under src/ packed: $packed"; exit 1; }
echo "a clone under src/ packs the six packages, no warning"
for package in "$feed"/*.nupkg "$feed"/*.snupkg; do
    mkdir -p "$work/unpacked" && rm -rf "$work/unpacked/"* && (cd "$work/unpacked" && unzip -q -o "$package")
    if grep -rlaF "$clone" "$work/unpacked" >/dev/null; then
        echo "$(basename "$package") embeds the clone's path $clone:"
        grep -rlaF "$clone" "$work/unpacked"
        exit 1
    fi
done
echo "packages reproducible: no build path inside"
# An app and its test project side by side in one solution folder, as the README's commands expect.
mkdir -p "$work/readme-solution"
cd "$work/readme-solution"
dotnet new console --framework net10.0 -o MyApp >/dev/null
dotnet new classlib --framework net10.0 -o MyApp.Tests >/dev/null
printf '%s\n' "$in_app" | sed "s#/path/to/identomat-dotnet#$clone#g" >"$work/readme-solution.sh"
bash -euo pipefail "$work/readme-solution.sh" >/dev/null
grep -q "Include=\"Identomat.Sdk\" Version=\"$version\"" MyApp/MyApp.csproj || { echo "the README's commands did not add Identomat.Sdk $version to the app"; exit 1; }
grep -q "Include=\"Identomat.Sdk.Testing\" Version=\"$version\"" MyApp.Tests/MyApp.Tests.csproj || { echo "the README's commands did not add Identomat.Sdk.Testing $version to the tests"; exit 1; }
dotnet build -c Release MyApp >/dev/null
dotnet build -c Release MyApp.Tests >/dev/null
echo "README install commands (an app and its test project): ok"

# 2. eng/consumer against the local feed (nuget.org stays a source through the user's configuration).
mkdir "$work/app"
cp "$root/eng/consumer/Consumer.csproj" "$root/eng/consumer/Program.cs" "$work/app/"
cat >"$work/app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="identomat-local" value="$feed" />
  </packageSources>
</configuration>
XML
for extra in consumer-aspnet8 consumer-fake8 consumer-net48 consumer-fsharp consumer-browser; do
    mkdir "$work/$extra"
    cp "$root/eng/$extra/"* "$work/$extra/"
    cp "$work/app/nuget.config" "$work/$extra/"
done
cd "$work/app"
props=(-p:IdentomatVersion="$version")

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

# 3. The dependency floors: a net8.0 ASP.NET Core app publishes none of the framework's assemblies itself.
cd "$work/consumer-aspnet8"
dotnet publish -c Release "${props[@]}" -o out >/dev/null
own=$(cd out && ls | grep -E '^(Microsoft\.Extensions\.|System\.Text\.Json|System\.Diagnostics\.DiagnosticSource|Microsoft\.Bcl\.)' || true)
if [ -n "$own" ]; then
    echo "the net8.0 ASP.NET Core app ships app-local framework assemblies:"
    echo "$own"
    exit 1
fi
echo "net8.0 ASP.NET Core consumer of Identomat.Sdk: $(packages obj/project.assets.json) packages, no app-local framework assemblies"

# 4. The in-process fake pulls no WireMock.
cd "$work/consumer-fake8"
dotnet build -c Release "${props[@]}" >/dev/null
if grep -qi '"WireMock' obj/project.assets.json; then
    echo "Identomat.Sdk.Testing pulls WireMock"
    exit 1
fi
fake_output=$(DOTNET_ROLL_FORWARD=Major dotnet bin/Release/net8.0/ConsumerFake.dll)
echo "$fake_output"
case "$fake_output" in *"fake consumer ok: approved"*) ;; *) echo "the fake consumer did not complete"; exit 1 ;; esac
echo "net8.0 consumer of Identomat.Sdk.Testing (in-process fake): $(packages obj/project.assets.json) packages, no WireMock"

# 5. .NET Framework 4.8 compiles the documented style with LangVersion 12.
cd "$work/consumer-net48"
dotnet build -c Release "${props[@]}" >/dev/null
echo "net48 consumer compiled"

# 6. F#: the README's F# block (eng/consumer-fsharp/Program.fs), warnings as errors, run.
cd "$work/consumer-fsharp"
dotnet build -c Release "${props[@]}" >/dev/null
fsharp_output=$(DOTNET_ROLL_FORWARD=Major dotnet bin/Release/net8.0/ConsumerFSharp.dll)
case "$fsharp_output" in *'"about_you"'*'"mandatory":true'*) echo "F# consumer compiled and ran" ;; *) echo "the F# consumer wrote: $fsharp_output"; exit 1 ;; esac

# 7. The lifecycle package references no database provider: an app on its SQLite engine pulls no Npgsql.
for package in Identomat.Sdk.Lifecycle Identomat.Sdk.Lifecycle.Sqlite; do
    nuspec=$(unzip -p "$feed/$package.$version.nupkg" "$package.nuspec")
    if echo "$nuspec" | grep -qi "npgsql"; then echo "$package depends on Npgsql"; exit 1; fi
done
unzip -p "$feed/Identomat.Sdk.Lifecycle.$version.nupkg" Identomat.Sdk.Lifecycle.nuspec | grep -qi "EntityFrameworkCore.Sqlite" && { echo "Identomat.Sdk.Lifecycle depends on a database provider"; exit 1; }
echo "the lifecycle package references no database provider; a SQLite app pulls no Npgsql"
# 8. An integrator's own browser test on the packed packages.
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    cd "$work/consumer-browser"
    browser_log=$(dotnet test -c Release "${props[@]}" --logger "console;verbosity=normal" 2>&1) || { echo "$browser_log" | tail -30; exit 1; }
    case "$browser_log" in *"browser consumer ok: approved"*) echo "integrator browser test on the packed packages: ok" ;; *) echo "$browser_log" | tail -30; exit 1 ;; esac
elif [ "${CI:-}" = "true" ]; then
    echo "Chromium is not installed: apt-get install -y chromium chromium-driver"
    exit 1
else
    echo "integrator browser test skipped: Chromium is not installed (apt-get install -y chromium chromium-driver)"
fi
echo "consumer smoke test passed"
