using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

internal sealed class IdentomatClientFactory : IIdentomatClientFactory, IDisposable
{
    private readonly IHttpClientFactory _httpClients;
    private readonly IOptionsMonitor<IdentomatClientOptions> _options;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly TimeProvider? _timeProvider;
    private readonly HashSet<string> _registered;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<IdentomatClient>> _clients = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<IdentomatCallbackParser>> _parsers = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IdentomatClientOptions> _lastGood = new(StringComparer.Ordinal);
    private readonly IDisposable? _onChange;
    private readonly List<IDisposable> _reloadChecks = [];

    public IdentomatClientFactory(
        IHttpClientFactory httpClients, IOptionsMonitor<IdentomatClientOptions> options, IEnumerable<IdentomatClientRegistration> registrations,
        ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null,
        IEnumerable<IOptionsChangeTokenSource<IdentomatClientOptions>>? reloads = null, IOptionsFactory<IdentomatClientOptions>? fresh = null)
    {
        _registered = new HashSet<string>(registrations.Select(r => r.Name), StringComparer.Ordinal);
        _httpClients = httpClients;
        _options = options;
        _loggerFactory = loggerFactory;
        _timeProvider = timeProvider;
        _onChange = options.OnChange(Changed);

        // The options monitor applies only valid settings and throws the others at whoever reloaded (a configuration
        // file watcher swallows it): say it where an operator looks, since the account keeps its previous settings.
        foreach (var source in reloads ?? [])
        {
            var name = source.Name ?? string.Empty;
            _reloadChecks.Add(Microsoft.Extensions.Primitives.ChangeToken.OnChange(source.GetChangeToken, () => CheckReload(fresh, name)));
        }
    }

    /// <summary>
    /// The named <c>HttpClient</c> of an account: <c>Identomat.Sdk</c>, or <c>Identomat.Sdk.{name}</c>. Dots, not a colon,
    /// because the name becomes a logging category (<c>System.Net.Http.HttpClient.Identomat.Sdk.ClientHandler</c>) that
    /// <c>Logging:LogLevel</c> must be able to name.
    /// </summary>
    public static string HttpClientName(string name) => name.Length == 0 ? "Identomat.Sdk" : "Identomat.Sdk." + name;

    public IIdentomatClient CreateClient(string name)
    {
        ArgumentNullException.ThrowIfNull(name);

        if (!_registered.Contains(name))
        {
            throw new InvalidOperationException(
                $"No Identomat client named '{name}' is registered" +
                (_registered.Count == 0
                    ? string.Empty
                    : $" (registered: {string.Join(", ", _registered.Select(n => n.Length == 0 ? "the default client" : "'" + n + "'"))})") +
                $": call services.AddIdentomat(\"{name}\", ...) first.");
        }

        // Settings are read (and validated) on first use; an invalid account throws here every time, not once.
        var client = _clients.GetOrAdd(name, n => new Lazy<IdentomatClient>(() => Create(n)));
        try
        {
            return client.Value;
        }
        catch
        {
            ((ICollection<KeyValuePair<string, Lazy<IdentomatClient>>>)_clients).Remove(new KeyValuePair<string, Lazy<IdentomatClient>>(name, client));
            throw;
        }
    }

    /// <summary>
    /// The callback parser of a registered account: one per name, following changes of its settings (its callback keys
    /// and its company key, the de-duplication secret) like the client does.
    /// </summary>
    public IdentomatCallbackParser CallbackParser(string name)
    {
        var parser = _parsers.GetOrAdd(name, n => new Lazy<IdentomatCallbackParser>(() =>
        {
            var options = Settings(n);
            return new IdentomatCallbackParser(CallbackKeysOf(options, n), options.CompanyKey!)
            {
                Account = options.AccountName,
                Logger = _loggerFactory?.CreateLogger(IdentomatTelemetry.LoggerCategory),
            };
        }));
        try
        {
            return parser.Value;
        }
        catch
        {
            ((ICollection<KeyValuePair<string, Lazy<IdentomatCallbackParser>>>)_parsers).Remove(
                new KeyValuePair<string, Lazy<IdentomatCallbackParser>>(name, parser));
            throw;
        }
    }

    private static IList<string> CallbackKeysOf(IdentomatClientOptions options, string name) =>
        options.CallbackApiKeys is { Count: > 0 } keys
            ? keys
            : throw new InvalidOperationException(
                $"{(string.IsNullOrEmpty(name) ? "The default Identomat client" : $"The Identomat client '{name}'")} has no CallbackApiKeys: " +
                "set the callback API key from the vendor dashboard (for example Identomat:CallbackApiKeys:0) to receive callbacks.");

    public void Dispose()
    {
        _onChange?.Dispose();
        foreach (var check in _reloadChecks)
        {
            check.Dispose();
        }

        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }
    }

    private IdentomatClient Create(string name)
    {
        var httpClientName = HttpClientName(name);
        return new IdentomatClient(() => _httpClients.CreateClient(httpClientName), Settings(name), _loggerFactory, _timeProvider);
    }

    /// <summary>
    /// An account's settings; after a reload the options monitor refuses as invalid, the last valid ones this factory
    /// read, so that a client or parser made then works as the ones made before it (an account never valid throws).
    /// </summary>
    private IdentomatClientOptions Settings(string name)
    {
        try
        {
            var options = _options.Get(name);
            _lastGood[name] = options;
            return options;
        }
        catch (OptionsValidationException) when (_lastGood.TryGetValue(name, out var previous))
        {
            return previous;
        }
    }

    // Built afresh (binding and validation) rather than read from the monitor, whose cache may still hold the old settings.
    private void CheckReload(IOptionsFactory<IdentomatClientOptions>? fresh, string name)
    {
        if (fresh is null || !_registered.Contains(name))
        {
            return;
        }

        try
        {
            _ = fresh.Create(name);
        }
        catch (OptionsValidationException ex)
        {
            if (_loggerFactory?.CreateLogger(IdentomatTelemetry.LoggerCategory) is { } logger)
            {
                Identomat.Sdk.Diagnostics.Log.ReloadRejected(logger, name.Length == 0 ? "the default client" : $"'{name}'", string.Join(" ", ex.Failures));
            }
        }
    }

    /// <summary>
    /// New settings for an account: its client builds a new transport for later calls and its callback parser takes the
    /// new keys; invalid settings (and a change that removes every callback key) are ignored until fixed.
    /// </summary>
    private void Changed(IdentomatClientOptions options, string? name)
    {
        if (options.Validate().Count > 0)
        {
            return;
        }

        _lastGood[name ?? string.Empty] = options;

        if (_clients.TryGetValue(name ?? string.Empty, out var client) && client.IsValueCreated)
        {
            client.Value.Reconfigure(options);
        }

        if (_parsers.TryGetValue(name ?? string.Empty, out var parser) && parser.IsValueCreated && options.CallbackApiKeys is { Count: > 0 } keys)
        {
            parser.Value.Update(keys, options.CompanyKey!);
            parser.Value.Account = options.AccountName;
        }
    }
}
