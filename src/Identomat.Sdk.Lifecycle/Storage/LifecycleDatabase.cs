using Microsoft.Extensions.Options;

namespace Identomat.Sdk.Lifecycle;

/// <summary>
/// The application's <see cref="DbContext"/>, opened in a scope of the lifecycle's own for each unit of work (its change
/// tracker never mixes with a request's), with the engine's clock and unique-key test.
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

    public bool IsUniqueViolation(DbUpdateException exception) => Engine.IsUniqueViolation(exception);

    /// <summary>The client of an account the lifecycle serves.</summary>
    public IIdentomatClient Client(string account) => services.GetRequiredService<IIdentomatClientFactory>().CreateClient(account);

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
