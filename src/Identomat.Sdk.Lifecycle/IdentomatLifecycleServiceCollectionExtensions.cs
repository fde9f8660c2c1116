using Identomat.Sdk.Lifecycle;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Identomat verification lifecycle next to <c>AddIdentomat</c>.</summary>
public static class IdentomatLifecycleServiceCollectionExtensions
{
    /// <summary>
    /// Registers the lifecycle on your <typeparamref name="TContext"/> (which must call
    /// <see cref="IdentomatLifecycleModel.AddIdentomatLifecycle"/> in <c>OnModelCreating</c>): the inbox processor and the
    /// sweeper (hosted services), <see cref="IIdentomatVerifications"/> and <see cref="IIdentomatInbox"/>. Add an engine
    /// (<c>UseSqlite()</c> or <c>UsePostgreSql()</c>) and map the inbox with <c>MapIdentomatCallbackInbox</c>.
    /// </summary>
    /// <typeparam name="TContext">Your context, registered with <c>AddDbContext</c>.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the settings.</param>
    /// <returns>A builder for the engine, the accounts and the handlers.</returns>
    public static IdentomatLifecycleBuilder AddIdentomatLifecycle<TContext>(this IServiceCollection services, Action<IdentomatLifecycleOptions>? configure = null)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = Register<TContext>(services);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        return builder;
    }

    /// <summary>
    /// Registers the lifecycle with settings bound from configuration (a section of its own, such as
    /// <c>IdentomatLifecycle</c>): a key that is not a setting fails the start, naming it.
    /// </summary>
    /// <typeparam name="TContext">Your context, registered with <c>AddDbContext</c>.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section holding <see cref="IdentomatLifecycleOptions"/>' settings.</param>
    /// <returns>A builder for the engine, the accounts and the handlers.</returns>
    public static IdentomatLifecycleBuilder AddIdentomatLifecycle<TContext>(this IServiceCollection services, IConfiguration configuration)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = Register<TContext>(services);
        services.Configure<IdentomatLifecycleOptions>(configuration, binder => binder.ErrorOnUnknownConfiguration = true);   // a misspelt setting (RetentionPeriode) fails the start instead of being ignored
        return builder;
    }

    private static IdentomatLifecycleBuilder Register<TContext>(IServiceCollection services)
        where TContext : DbContext
    {
        if (services.Any(s => s.ServiceType == typeof(LifecycleRegistration)))
        {
            throw new InvalidOperationException("AddIdentomatLifecycle is called once per application.");
        }

        var registration = new LifecycleRegistration(typeof(TContext));
        services.AddSingleton(registration);
        services.AddOptions<IdentomatLifecycleOptions>()
            .Validate(options => options.Problem() is null, "The Identomat lifecycle's settings are invalid")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<IdentomatLifecycleOptions>, LifecycleOptionsValidator>();
        services.AddSingleton<LifecycleDatabase>();
        services.AddSingleton<InboxSignal>();
        services.AddSingleton<CallbackInbox>();
        services.AddSingleton<IdentomatVerifications>();
        services.AddSingleton<IIdentomatVerifications>(provider => provider.GetRequiredService<IdentomatVerifications>());
        services.AddSingleton<IIdentomatInbox, IdentomatInbox>();
        services.AddSingleton<InboxProcessor>();
        services.AddSingleton<Sweeper>();
        services.AddHostedService(provider => provider.GetRequiredService<InboxProcessor>());
        services.AddHostedService(provider => provider.GetRequiredService<Sweeper>());
        return new IdentomatLifecycleBuilder(services, registration);
    }

    /// <summary>
    /// Names what is wrong, at start-up: a setting, or a registration the lifecycle needs (an engine, the context, the
    /// accounts named to <c>ForAccounts</c>), so a mistake fails the start instead of the first callback.
    /// </summary>
    private sealed class LifecycleOptionsValidator(IServiceProvider services, LifecycleRegistration registration) : IValidateOptions<IdentomatLifecycleOptions>
    {
        public ValidateOptionsResult Validate(string? name, IdentomatLifecycleOptions options)
        {
            var registered = services.GetService<IServiceProviderIsService>();
            var keyed = services.GetService<IServiceProviderIsKeyedService>();
            var problem = options.Problem()
                ?? (services.GetService<IdentomatLifecycleEngine>() is null ? LifecycleDatabase.NoEngine : null)
                ?? (registered?.IsService(registration.ContextType) == false
                    ? $"{registration.ContextType.Name} is not registered: call services.AddDbContext<{registration.ContextType.Name}>(...)."
                    : null)
                ?? registration.Accounts.Where(account => keyed?.IsKeyedService(typeof(Identomat.Sdk.IdentomatCallbackParser), account) == false)
                    .Select(account => $"The account '{account}' is not registered: call services.AddIdentomat(\"{account}\", ...) for it, or leave it out of ForAccounts.")
                    .FirstOrDefault();
            return problem is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
        }
    }
}
