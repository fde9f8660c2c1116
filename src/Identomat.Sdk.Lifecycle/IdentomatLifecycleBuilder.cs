using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Identomat.Sdk.Lifecycle;

/// <summary>Configures the lifecycle that <c>AddIdentomatLifecycle</c> registered: its engine, accounts and handlers.</summary>
public sealed class IdentomatLifecycleBuilder
{
    private readonly LifecycleRegistration _registration;

    internal IdentomatLifecycleBuilder(IServiceCollection services, LifecycleRegistration registration)
    {
        Services = services;
        _registration = registration;
    }

    /// <summary>The application's services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Sets the database engine; the engine packages' <c>UseSqlite()</c> and <c>UsePostgreSql()</c> call it.</summary>
    /// <param name="engine">The engine.</param>
    /// <returns>This builder.</returns>
    public IdentomatLifecycleBuilder UseEngine(IdentomatLifecycleEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Services.AddSingleton(engine);
        return this;
    }

    /// <summary>
    /// The accounts (names given to <c>AddIdentomat</c>) whose callbacks the inbox accepts, tried in this order; by
    /// default the default account only. A callback is stored with the account whose key authenticated it.
    /// </summary>
    /// <param name="accounts">The account names; empty for the default account.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">No account is given, or one twice.</exception>
    public IdentomatLifecycleBuilder ForAccounts(params string[] accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        if (accounts.Length == 0 || accounts.Any(a => a is null) || accounts.Distinct(StringComparer.Ordinal).Count() != accounts.Length)
        {
            throw new ArgumentException("Name at least one account, each once.", nameof(accounts));
        }

        _registration.Accounts.Clear();
        _registration.Accounts.AddRange(accounts);
        return this;
    }

    /// <summary>
    /// Registers a handler for stored callbacks of a type (<see cref="IdentomatCallback"/> for every type), resolved in a
    /// scope of its own for each callback. Every matching handler runs, in registration order.
    /// </summary>
    /// <typeparam name="TCallback">The callback type, e.g. <see cref="OneTimePasswordRequestCallback"/>.</typeparam>
    /// <typeparam name="THandler">The handler.</typeparam>
    /// <returns>This builder.</returns>
    public IdentomatLifecycleBuilder AddCallbackHandler<TCallback, THandler>()
        where TCallback : IdentomatCallback
        where THandler : class, IIdentomatCallbackHandler<TCallback>
    {
        Services.TryAddScoped<THandler>();
        _registration.Handlers.Add(new HandlerRegistration(
            typeof(TCallback),
            (services, callback, context, cancellationToken) => services.GetRequiredService<THandler>().HandleAsync((TCallback)callback, context, cancellationToken)));
        return this;
    }
}
