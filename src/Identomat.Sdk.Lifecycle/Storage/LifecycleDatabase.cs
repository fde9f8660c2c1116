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

    public IdentomatLifecycleEngine Engine => _engine ??= services.GetService<IdentomatLifecycleEngine>()
        ?? throw new InvalidOperationException(
            "No database engine is registered for the Identomat lifecycle: add Identomat.Sdk.Lifecycle.Sqlite or Identomat.Sdk.Lifecycle.PostgreSql and call UseSqlite() or UsePostgreSql() on AddIdentomatLifecycle.");

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

    /// <summary>Adds an audit event to the context (saved with the caller's change).</summary>
    public static void Audit(DbContext context, Guid verification, DateTime at, VerificationState from, VerificationState to, string? status, string cause) =>
        context.Add(new IdentomatVerificationEvent { VerificationId = verification, At = at, From = from, To = to, Status = status, Cause = cause });

    /// <summary>
    /// Vendor text kept in a column or a metric tag: a short plain token (at most 64 characters of
    /// <c>[A-Za-z0-9_.-]</c>) as it is, anything else as <c>(other)</c>: a hostile or broken answer cannot fill a column.
    /// </summary>
    public static string? Token(string? value) => value is null ? null : IsPlain(value, 64) ? value : "(other)";

    /// <summary>Whether vendor text is a plain token of at most <paramref name="length"/> characters of <c>[A-Za-z0-9_.-]</c>.</summary>
    public static bool IsPlain(string value, int length) =>
        value.Length > 0 && value.Length <= length && value.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '.' or '-');
}

/// <summary>What <c>AddIdentomatLifecycle</c> was given: the context type, the accounts and the handlers.</summary>
internal sealed class LifecycleRegistration(Type contextType)
{
    public Type ContextType { get; } = contextType;

    /// <summary>The accounts whose callback keys the inbox accepts, in the order tried.</summary>
    public List<string> Accounts { get; } = [Microsoft.Extensions.Options.Options.DefaultName];

    /// <summary>The handlers, by the callback type each takes (a base type matches its subclasses).</summary>
    public List<HandlerRegistration> Handlers { get; } = [];
}

/// <summary>One registered handler: the callback type it takes and how to call it (no reflection).</summary>
internal sealed record HandlerRegistration(Type CallbackType, Func<IServiceProvider, IdentomatCallback, IdentomatCallbackContext, CancellationToken, Task> Invoke);
