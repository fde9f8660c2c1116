using Identomat.Sdk.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The SQLite engine of the Identomat lifecycle.</summary>
public static class IdentomatLifecycleSqliteExtensions
{
    /// <summary>
    /// Runs the lifecycle on SQLite (your context uses <c>UseSqlite</c>): the embedded default, for <b>one</b> application
    /// instance. SQLite serialises writers, so every guarantee holds within one instance; several instances sharing one
    /// database file (on a network share, in several containers) are not supported: use PostgreSQL for them.
    /// </summary>
    /// <param name="builder">The lifecycle builder.</param>
    /// <returns>The builder.</returns>
    public static IdentomatLifecycleBuilder UseSqlite(this IdentomatLifecycleBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseEngine(new SqliteLifecycleEngine());
    }

    private sealed class SqliteLifecycleEngine : IdentomatLifecycleEngine
    {
        public override string Name => "SQLite";

        public override bool SupportsSeveralInstances => false;

        // Millisecond UTC text, in the form EF Core stores DateTime in, so comparisons in SQL and in .NET agree.
        protected override string CurrentTimeSql => "SELECT strftime('%Y-%m-%d %H:%M:%f', 'now')";
    }
}
