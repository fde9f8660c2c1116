using Identomat.Sdk;
using Identomat.Sdk.Testing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Plugs an in-process <see cref="IdentomatFakeServer"/> into the client that <c>AddIdentomat</c> registers.</summary>
public static class FakeHttpClientBuilderExtensions
{
    /// <summary>The accounts AddIdentomat registered: each is a keyed IIdentomatClient under its name.</summary>
    private static IEnumerable<string> RegisteredNames(IServiceCollection services) =>
        services.Where(d => d.ServiceType == typeof(IIdentomatClient) && d.IsKeyedService && d.ServiceKey is string).Select(d => (string)d.ServiceKey!);


    /// <summary>
    /// Plugs <paramref name="fake"/> into the Identomat client an application registered with <c>AddIdentomat</c>, from
    /// outside the application: for <c>WebApplicationFactory</c>'s <c>ConfigureTestServices</c>. Same effect as
    /// <see cref="UseIdentomatFake(IHttpClientBuilder, IdentomatFakeServer)"/> on the builder <c>AddIdentomat</c> returned.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="fake">The fake to talk to.</param>
    /// <param name="name">The name given to <c>AddIdentomat</c>; empty for the default client.</param>
    /// <returns>The same services.</returns>
    /// <example>
    /// <code>
    /// using var fake = IdentomatFakeServer.StartInProcess();
    /// using var testedApp = factory.WithWebHostBuilder(web =&gt; web.ConfigureTestServices(s =&gt; s.UseIdentomatFake(fake)));
    /// </code>
    /// </example>
    public static IServiceCollection UseIdentomatFake(this IServiceCollection services, IdentomatFakeServer fake, string name = "")
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        // Faking a client nobody registered would silently leave the real one (or none) in place.
        if (!RegisteredNames(services).Contains(name))
        {
            throw new ArgumentException($"No Identomat client named '{name}' is registered: call services.AddIdentomat(...) for it first (UseIdentomatFake fakes one name at a time).", nameof(name));
        }

        services.AddHttpClient(IdentomatServiceCollectionExtensions.HttpClientName(name)).UseIdentomatFake(fake);
        return services;
    }

    /// <summary>
    /// Sends the registered Identomat client's requests to <paramref name="fake"/> in process (its primary handler is
    /// replaced) and points the client's settings at it: company key, secret key, addresses and a 10 ms retry delay.
    /// Everything else the application registered stays as it is.
    /// </summary>
    /// <param name="builder">The builder <c>services.AddIdentomat(...)</c> returned.</param>
    /// <param name="fake">The fake to talk to.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException">The builder is not one that <c>AddIdentomat</c> returned.</exception>
    /// <example>
    /// <code>
    /// using var fake = IdentomatFakeServer.StartInProcess();
    /// services.AddIdentomat(configuration.GetSection("Identomat")).UseIdentomatFake(fake);
    /// </code>
    /// </example>
    public static IHttpClientBuilder UseIdentomatFake(this IHttpClientBuilder builder, IdentomatFakeServer fake)
    {
        if (builder is null)
        {
            throw new ArgumentNullException(nameof(builder));
        }

        if (fake is null)
        {
            throw new ArgumentNullException(nameof(fake));
        }

        var name = RegisteredNames(builder.Services)
            .FirstOrDefault(n => IdentomatServiceCollectionExtensions.HttpClientName(n) == builder.Name)
            ?? throw new ArgumentException("Call UseIdentomatFake on the builder that services.AddIdentomat(...) returned.", nameof(builder));
        builder.Services.PostConfigure<IdentomatClientOptions>(name, options =>
        {
            var settings = fake.CreateClientOptions();
            options.CompanyKey = settings.CompanyKey;
            options.SecretKey = settings.SecretKey;
            options.PreviousSecretKey = null;
            options.BaseAddress = settings.BaseAddress;
            options.WidgetBaseAddress = settings.WidgetBaseAddress;
            options.RetryBaseDelay = settings.RetryBaseDelay;
            // The fake's callback key joins the configured ones, so the fake's callback bodies are accepted either way.
            if (!options.CallbackApiKeys.Contains(fake.CallbackApiKey))
            {
                options.CallbackApiKeys = [.. options.CallbackApiKeys, fake.CallbackApiKey];
            }
        });
        return builder.ConfigurePrimaryHttpMessageHandler(fake.CreateHandler);
    }
}
