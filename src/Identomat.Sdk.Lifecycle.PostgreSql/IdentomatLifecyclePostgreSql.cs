using Identomat.Sdk.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The PostgreSQL engine of the Identomat lifecycle.</summary>
public static class IdentomatLifecyclePostgreSqlExtensions
{
    /// <summary>
    /// Runs the lifecycle on PostgreSQL (your context uses <c>UseNpgsql</c>): several application instances may share
    /// the database. Races are decided by the database: unique keys (one callback row, one live verification per user,
    /// one lease row) and conditional updates, which PostgreSQL re-checks on the newest row version after waiting for a
    /// concurrent writer (read committed), so two instances never both win; times come from the database's clock
    /// (<c>clock_timestamp()</c>), whatever the instances' own clocks say.
    /// </summary>
    /// <param name="builder">The lifecycle builder.</param>
    /// <returns>The builder.</returns>
    public static IdentomatLifecycleBuilder UsePostgreSql(this IdentomatLifecycleBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseEngine(new PostgreSqlLifecycleEngine());
    }

    private sealed class PostgreSqlLifecycleEngine : IdentomatLifecycleEngine
    {
        public override string Name => "PostgreSQL";

        public override bool SupportsSeveralInstances => true;

        // clock_timestamp(), not now(): now() is the transaction's start, the same for every statement within it.
        protected override string CurrentTimeSql => "SELECT clock_timestamp()";
    }
}
