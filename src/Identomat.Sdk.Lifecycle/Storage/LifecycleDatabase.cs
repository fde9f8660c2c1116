using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;

namespace Identomat.Sdk.Lifecycle;

/// <summary>
/// The application's <see cref="DbContext"/>, opened in a scope of the lifecycle's own for each unit of work (its change
/// tracker never mixes with a request's), with the engine's clock.
/// </summary>
internal sealed class LifecycleDatabase(IServiceScopeFactory scopes, LifecycleRegistration registration, IServiceProvider services)
{
    private IdentomatLifecycleEngine? _engine;

    /// <summary>What is said when no engine is registered (at start-up, by the options' validation).</summary>
    public const string NoEngine =
        "No database engine is registered: call UseSqlite() (Identomat.Sdk.Lifecycle.Sqlite) or UsePostgreSql() (Identomat.Sdk.Lifecycle.PostgreSql) on AddIdentomatLifecycle.";

    public IdentomatLifecycleEngine Engine => _engine ??= services.GetService<IdentomatLifecycleEngine>() ?? throw new InvalidOperationException(NoEngine);

    public IdentomatLifecycleOptions Options => services.GetRequiredService<IOptionsMonitor<IdentomatLifecycleOptions>>().CurrentValue;

    /// <summary>Runs one unit of work on a context of its own.</summary>
    public async Task<T> RunAsync<T>(Func<DbContext, IServiceProvider, Task<T>> work)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var context = (DbContext)scope.ServiceProvider.GetRequiredService(registration.ContextType);
            return await work(context, scope.ServiceProvider).ConfigureAwait(false);
        }
    }

    public Task<DateTime> NowAsync(DbContext context, CancellationToken cancellationToken) => Engine.NowAsync(context, cancellationToken);

    /// <summary>The client of an account the lifecycle serves.</summary>
    public IIdentomatClient Client(string account) => services.GetRequiredService<IIdentomatClientFactory>().CreateClient(account);

    /// <summary>
    /// Inserts a row unless it breaks a unique key (<c>INSERT … ON CONFLICT DO NOTHING</c>, which SQLite and PostgreSQL
    /// both read): true when inserted. A duplicate is a normal outcome here (a callback delivered again, a second tab's
    /// start, another instance's lease), so it is not an exception, and EF Core logs no error for it. Table and column
    /// names come from the model, so an application's naming conventions are followed. Hand-written because EF Core has
    /// no insert that ignores conflicts.
    /// </summary>
    public static async Task<bool> TryInsertAsync<T>(DbContext context, T row, CancellationToken cancellationToken)
        where T : class
    {
        var entity = context.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model: call modelBuilder.AddIdentomatLifecycle().");
        var table = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var helper = context.GetService<ISqlGenerationHelper>();

        // The database generates a numeric key; every other property is written as it is.
        var properties = entity.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAdd && p.ClrType == typeof(long)))
            .ToList();
        var columns = string.Join(", ", properties.Select(p => helper.DelimitIdentifier(p.GetColumnName(table)!)));
        var values = string.Join(", ", properties.Select((_, i) => "{" + i + "}"));
        var arguments = properties.Select(p =>
        {
            var value = p.PropertyInfo!.GetValue(row);
            return p.GetTypeMapping().Converter is { } converter && value is not null ? converter.ConvertToProvider(value) : value;
        }).ToArray();
        var sql = $"INSERT INTO {helper.DelimitIdentifier(table.Name, table.Schema)} ({columns}) VALUES ({values}) ON CONFLICT DO NOTHING";
        return await context.Database.ExecuteSqlRawAsync(sql, arguments!, cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// Runs a conditional change of a verification and its audit event in one transaction: true when the change
    /// matched its row (and the event, if any, was saved with it); false, with nothing written, when it matched none.
    /// </summary>
    public static async Task<bool> ChangeAsync(DbContext context, Func<Task<int>> change, IdentomatVerificationEvent? audit, CancellationToken cancellationToken)
    {
        var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            if (await change().ConfigureAwait(false) == 0)
            {
                return false;
            }

            if (audit is not null)
            {
                context.Add(audit);
                await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
    }

    /// <summary>An audit event: when, from, to, the status read and the cause. No personal data.</summary>
    public static IdentomatVerificationEvent Event(Guid verification, DateTime at, VerificationState from, VerificationState to, string? status, string cause) =>
        new() { VerificationId = verification, At = at, From = from, To = to, Status = status, Cause = cause };

    /// <summary>
    /// Vendor text kept in a column or a metric tag: a short plain token (at most 64 characters of
    /// <c>[A-Za-z0-9_.-]</c>) as it is, anything else as <c>(other)</c>: a hostile or broken answer cannot fill a column.
    /// </summary>
    public static string? Token(string? value) => value is null ? null : IsPlain(value, 64) ? value : "(other)";

    /// <summary>Whether vendor text is a plain token of at most <paramref name="length"/> characters of <c>[A-Za-z0-9_.-]</c>.</summary>
    public static bool IsPlain(string value, int length) =>
        value.Length > 0 && value.Length <= length && value.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '.' or '-');
}
