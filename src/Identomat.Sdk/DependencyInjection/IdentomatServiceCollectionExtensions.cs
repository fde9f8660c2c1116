using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers <see cref="IIdentomatClient"/> with <c>IHttpClientFactory</c>, and an <see cref="IdentomatCallbackParser"/>
/// built from the same settings' <see cref="IdentomatClientOptions.CallbackApiKeys"/> (a keyed singleton for a named
/// client, and also the plain singleton for the default one).
/// </summary>
public static class IdentomatServiceCollectionExtensions
{
    /// <summary>
    /// Registers the default Identomat client: <see cref="IIdentomatClient"/> and <see cref="IdentomatClient"/>, with
    /// settings from a delegate. The settings are validated when the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the client's settings.</param>
    /// <returns>
    /// The HTTP client builder, to add handlers to the client's pipeline. Its primary handler does not follow redirects;
    /// a primary handler you substitute must not either (the SDK can only refuse a redirected answer after the fact).
    /// It has none of <c>IHttpClientFactory</c>'s default loggers, which record response headers raw (a server may
    /// echo a key in one); add one with <c>AddDefaultLogger()</c> only where such logs are kept safe.
    /// </returns>
    /// <example>
    /// <code>
    /// services.AddIdentomat(o =&gt; o.CompanyKey = builder.Configuration["Identomat:CompanyKey"]);
    /// </code>
    /// </example>
    public static IHttpClientBuilder AddIdentomat(this IServiceCollection services, Action<IdentomatClientOptions> configure) =>
        AddIdentomat(services, Options.Options.DefaultName, configure);

    /// <summary>Registers the default Identomat client with settings bound from a configuration section (e.g. <c>Identomat</c>).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding <see cref="IdentomatClientOptions"/>' properties.</param>
    /// <returns>The HTTP client builder.</returns>
    public static IHttpClientBuilder AddIdentomat(this IServiceCollection services, IConfiguration configuration) =>
        AddIdentomat(services, Options.Options.DefaultName, configuration);

    /// <summary>
    /// Registers a named Identomat client, for several accounts side by side: resolve it as a keyed service
    /// (<c>[FromKeyedServices("name")] IIdentomatClient</c>) or through <see cref="IIdentomatClientFactory"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The account's name.</param>
    /// <param name="configure">Sets the client's settings.</param>
    /// <returns>The HTTP client builder.</returns>
    public static IHttpClientBuilder AddIdentomat(this IServiceCollection services, string name, Action<IdentomatClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);

        return Register(services, name, builder => builder.Configure(configure));
    }

    /// <summary>Registers a named Identomat client with settings bound from a configuration section.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The account's name.</param>
    /// <param name="configuration">The section holding <see cref="IdentomatClientOptions"/>' properties.</param>
    /// <returns>The HTTP client builder.</returns>
    public static IHttpClientBuilder AddIdentomat(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        var registered = Register(services, name, builder => builder.Configure(options => IdentomatOptionsBinder.Bind(configuration, options, name)));
        services.AddSingleton<IOptionsChangeTokenSource<IdentomatClientOptions>>(new ConfigurationChangeSource(name, configuration));
        return registered;
    }

    /// <summary>
    /// The name of the <c>HttpClient</c> that <c>AddIdentomat</c> registers for an account: <c>Identomat.Sdk</c> for the
    /// default one, <c>Identomat.Sdk.{name}</c> otherwise. Use it to configure that client further
    /// (<c>services.AddHttpClient(IdentomatServiceCollectionExtensions.HttpClientName("eu"))…</c>) or to name its logging
    /// category (<c>System.Net.Http.HttpClient.Identomat.Sdk</c>).
    /// </summary>
    /// <param name="name">The name given to <c>AddIdentomat</c>; empty for the default client.</param>
    /// <returns>The <c>HttpClient</c>'s name.</returns>
    public static string HttpClientName(string name) => IdentomatClientFactory.HttpClientName(name ?? throw new ArgumentNullException(nameof(name)));

    private static IdentomatCallbackParser CreateCallbackParser(IServiceProvider provider, string name) =>
        provider.GetRequiredService<IdentomatClientFactory>().CallbackParser(name);

    private static IHttpClientBuilder Register(IServiceCollection services, string name, Action<OptionsBuilder<IdentomatClientOptions>> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);

        var options = services.AddOptions<IdentomatClientOptions>(name);
        configure(options);
        if (name.Length > 0)
        {
            // The registration's name is the account's name in errors and logs, unless the settings give one.
            options.PostConfigure(o => o.AccountName ??= name);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IdentomatClientOptions>, IdentomatOptionsValidator>());
        services.TryAddSingleton<IdentomatClientFactory>();
        services.TryAddSingleton<IIdentomatClientFactory>(provider => provider.GetRequiredService<IdentomatClientFactory>());
        services.AddSingleton(new IdentomatClientRegistration(name));

        var httpClientName = IdentomatClientFactory.HttpClientName(name);
        // The primary handler never follows redirects: a Location header must not carry the company key elsewhere.
        // The factory's default loggers are removed: at Trace they record every response header (server-chosen text
        // that may echo a key) raw in the log entry's state, even where the message masks it. The SDK logs each call
        // itself, without server text.
        var http = services.AddHttpClient(httpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(IdentomatClient.CreateHandler)
            .RemoveAllLoggers();
        // One long-lived client per account: its pipelines, signer and addresses are built once (and again when the
        // settings change), each attempt takes a pooled HttpClient from the factory, and a singleton is not a disposable
        // transient the root container would keep until shutdown.
        services.AddKeyedSingleton<IIdentomatClient>(name, (provider, _) => provider.GetRequiredService<IIdentomatClientFactory>().CreateClient(name));
        services.AddKeyedSingleton(name, (provider, _) => CreateCallbackParser(provider, name));
        if (name == Options.Options.DefaultName)
        {
            services.TryAddSingleton(provider => CreateCallbackParser(provider, name));
            services.TryAddSingleton(provider => (IdentomatClient)provider.GetRequiredService<IIdentomatClientFactory>().CreateClient(name));
            services.TryAddSingleton<IIdentomatClient>(provider => provider.GetRequiredService<IdentomatClient>());
        }

        return http;
    }
}
