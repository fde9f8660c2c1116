using System.Data;
using System.Globalization;

namespace Identomat.Sdk.Lifecycle;

/// <summary>
/// What differs between databases, for the engine packages (<c>Identomat.Sdk.Lifecycle.Sqlite</c>,
/// <c>Identomat.Sdk.Lifecycle.PostgreSql</c>): the database's clock, and whether several instances may share it.
/// Everything else is portable: the guarantees rest on unique keys (inserts that ignore a conflict) and conditional
/// updates, which both engines honour (a conditional update on PostgreSQL waits for a concurrent writer of the row and
/// checks its condition again).
/// </summary>
public abstract class IdentomatLifecycleEngine
{
    /// <summary>The engine's name, for logs and health reports.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Whether several application instances may share one database. SQLite: no (one instance; a second one is
    /// unsupported). PostgreSQL: yes.
    /// </summary>
    public abstract bool SupportsSeveralInstances { get; }

    /// <summary>A query returning the database's current UTC time as one value (a timestamp or ISO 8601 text).</summary>
    protected internal abstract string CurrentTimeSql { get; }

    /// <summary>The database's clock: every instance reads the same one, whatever its own clock says.</summary>
    internal async Task<DateTime> NowAsync(DbContext context, CancellationToken cancellationToken)
    {
        var connection = context.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = CurrentTimeSql;
            command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
            var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            var now = value switch
            {
                DateTime time => time,
                DateTimeOffset time => time.UtcDateTime,
                string text => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                _ => throw new InvalidOperationException($"The {Name} clock query returned no time."),
            };
            return DateTime.SpecifyKind(now, DateTimeKind.Utc);
        }
        finally
        {
            if (opened)
            {
                await context.Database.CloseConnectionAsync().ConfigureAwait(false);
            }
        }
    }
}
