#!/usr/bin/env bash
# Generates the ASP.NET Core sample's migrations with the EF Core tools (local tool dotnet-ef 10.0.15), one set per
# engine: bash eng/add-migration.sh NAME. The design-time package is referenced only while this runs.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: eng/add-migration.sh NAME}
export IdentomatEfDesign=true
dotnet tool restore >/dev/null
project=samples/Identomat.Sdk.Samples.AspNetCore
dotnet ef migrations add "$name" --project "$project" --framework net10.0 --context SqliteSampleDbContext --output-dir Migrations/Sqlite --namespace Identomat.Sdk.Samples.AspNetCore.Migrations.Sqlite
dotnet ef migrations add "$name" --project "$project" --framework net10.0 --context PostgreSqlSampleDbContext --output-dir Migrations/PostgreSql --namespace Identomat.Sdk.Samples.AspNetCore.Migrations.PostgreSql
# With --namespace, the tools write a new model snapshot under a folder named after the namespace: keep it beside its
# migrations instead.
for engine in Sqlite PostgreSql; do
    snapshot=$(find "$project/Identomat" -name "${engine}SampleDbContextModelSnapshot.cs" 2>/dev/null | head -1)
    if [ -n "$snapshot" ]; then mv "$snapshot" "$project/Migrations/$engine/"; fi
done
rm -rf "$project/Identomat" "$project/design-time.db"
