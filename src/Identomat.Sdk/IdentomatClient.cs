using Identomat.Sdk.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Identomat.Sdk;

/// <summary>
/// The Identomat server API over a resilient, optionally signed, observable <see cref="HttpClient"/>. Thread-safe: one
/// instance serves any number of concurrent calls. Every failure surfaces as an <see cref="IdentomatException"/>
/// (or <see cref="OperationCanceledException"/> when the caller cancels).
/// </summary>
/// <example>
/// <code>
/// using var client = new IdentomatClient(new IdentomatClientOptions { CompanyKey = companyKey });
/// IdentomatSession session = await client.BeginSessionAsync(myFlow, cancellationToken);
/// // redirect the user to session.WidgetUrl, then when they come back:
/// VerificationResult result = await client.GetResultAsync(session.Token, cancellationToken);
/// if (result.Status == VerificationStatus.Approved) { /* ... */ }
/// </code>
/// </example>
public class IdentomatClient : IIdentomatClient, IDisposable
{
    private readonly ILogger _logger = NullLogger.Instance;
    private readonly TimeProvider _time = TimeProvider.System;
    private readonly Func<HttpClient>? _httpClients;
    private volatile IdentomatTransport? _transport;
    private readonly HttpClient? _ownedHttpClient;
    private readonly CancellationTokenSource _disposing = new();

    /// <summary>
    /// Creates a client with its own <see cref="HttpClient"/> (which never follows redirects), disposed with it. Keep one
    /// for the application's lifetime.
    /// </summary>
    /// <param name="options">The settings; copied, so later changes have no effect.</param>
    /// <param name="loggerFactory">Where to log (category <see cref="IdentomatTelemetry.LoggerCategory"/>); nothing is logged when null.</param>
    /// <exception cref="ArgumentException">The settings are invalid (the message lists every problem).</exception>
    public IdentomatClient(IdentomatClientOptions options, ILoggerFactory? loggerFactory = null)
        : this(CreateHttpClient(Validated(options)), options, loggerFactory, timeProvider: null, ownsHttpClient: true)
    {
    }

    /// <summary>
    /// Creates a client over an <see cref="HttpClient"/> you own (for example one from <c>IHttpClientFactory</c>). Its
    /// <see cref="HttpClient.Timeout"/> should be infinite: the SDK's own timeouts apply. Its handler must not follow
    /// redirects (<c>AllowAutoRedirect = false</c>): a redirect-following handler would send the company key to
    /// whatever address a <c>Location</c> header names before the SDK sees the answer. The SDK refuses any answer that
    /// comes from another address than the one requested, and any 3xx answer, with an
    /// <see cref="IdentomatApiException"/>; it can only do so after the fact.
    /// </summary>
    /// <param name="httpClient">The HTTP client; not disposed by this client.</param>
    /// <param name="options">The settings; copied, so later changes have no effect.</param>
    /// <param name="loggerFactory">Where to log; nothing is logged when null.</param>
    /// <param name="timeProvider">The clock for backoff delays, timeouts and <c>Retry-After</c> dates; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentException">The settings are invalid (the message lists every problem).</exception>
    public IdentomatClient(HttpClient httpClient, IdentomatClientOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
        : this(httpClient ?? throw new ArgumentNullException(nameof(httpClient)), options, loggerFactory, timeProvider, ownsHttpClient: false)
    {
    }

    /// <summary>For mocking frameworks: a client whose operations are all to be overridden.</summary>
    protected IdentomatClient()
    {
    }

    private IdentomatClient(
        HttpClient httpClient, IdentomatClientOptions options, ILoggerFactory? loggerFactory, TimeProvider? timeProvider, bool ownsHttpClient)
        : this(() => httpClient, ownsHttpClient ? options : Validated(options), loggerFactory, timeProvider)
    {
        // The owning constructor validated already, before creating the HttpClient it would otherwise leak.
        _ownedHttpClient = ownsHttpClient ? httpClient : null;
        _transport!.CheckHttpClient(httpClient);
    }

    /// <summary>
    /// A long-lived client whose attempts each take an <see cref="HttpClient"/> from <paramref name="httpClients"/>
    /// (<c>IHttpClientFactory</c>): what <c>AddIdentomat</c> registers as a singleton.
    /// </summary>
    internal IdentomatClient(Func<HttpClient> httpClients, IdentomatClientOptions validated, ILoggerFactory? loggerFactory, TimeProvider? timeProvider)
    {
        _httpClients = httpClients;
        _logger = (ILogger?)loggerFactory?.CreateLogger(IdentomatTelemetry.LoggerCategory) ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        Reconfigure(validated);
    }

    /// <summary>Applies new settings (validated by the caller) to later calls; calls in flight keep theirs.</summary>
    internal void Reconfigure(IdentomatClientOptions validated)
    {
        // One field: the settings travel with the transport built from them, so a reader never sees a mixed pair; calls
        // in flight keep the one they started with.
        _transport = new IdentomatTransport(_httpClients!, validated.Clone(), _logger, _time, _disposing.Token);
    }

    /// <summary>The settings later calls use (a private copy), for tests of reconfiguration; null for a mocking client.</summary>
    internal IdentomatClientOptions? CurrentOptions => _transport?.Options;

    private IdentomatTransport Transport
    {
        get
        {
            var transport = _transport ?? throw new InvalidOperationException("This IdentomatClient was created for mocking; override the operation.");
            return _disposing.IsCancellationRequested ? throw new ObjectDisposedException(nameof(IdentomatClient)) : transport;
        }
    }

    /// <inheritdoc />
    public virtual Uri GetWidgetUrl(string sessionToken)
    {
        CheckToken(sessionToken);
        // Canonical form (no default port, no user-info): the URL travels to browsers and through JSON as written.
        var widget = _transport?.Options.WidgetBaseAddress ?? IdentomatClientOptions.DefaultWidgetBaseAddress;
        return new Uri(IdentomatClientOptions.Canonical(widget) + "?session_token=" + Uri.EscapeDataString(sessionToken));
    }

    /// <inheritdoc />
    public virtual Task<IdentomatSession> BeginSessionAsync(SessionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);

        var transport = Transport;
        byte[] body;
        try
        {
            body = RequestBody.Begin(request, transport.CompanyKey);
        }
        catch (IdentomatValidationException ex)
        {
            ex.SetAccount(transport.Options.AccountName);
            throw;
        }

        if (_logger.IsEnabled(LogLevel.Warning) && request.GetWarnings() is { Count: > 0 } warnings)
        {
            Log.FlowWarnings(_logger, warnings.Count, FlowWarnings.Summary(warnings));
        }

        return BeginAsync(transport, body, cancellationToken);
    }

    /// <inheritdoc />
    public virtual Task<VerificationResult> GetResultAsync(string sessionToken, CancellationToken cancellationToken = default)
    {
        var transport = Transport;
        return transport.SendAsync(ApiCalls.Result, TokenBody(transport, sessionToken), sessionToken, cancellationToken);
    }

    /// <inheritdoc />
    public virtual Task<IdentomatMedia> GetMediaAsync(string sessionToken, MediaKind kind, CancellationToken cancellationToken = default)
    {
        var transport = Transport;
        var call = ApiCalls.Media(kind);
        return transport.SendAsync(call, TokenBody(transport, sessionToken), sessionToken, cancellationToken);
    }

    /// <inheritdoc />
    public virtual Task DeleteSessionAsync(string sessionToken, CancellationToken cancellationToken = default)
    {
        var transport = Transport;
        return transport.SendAsync(ApiCalls.Delete, TokenBody(transport, sessionToken), sessionToken, cancellationToken);
    }

    /// <summary>
    /// Disposes the <see cref="HttpClient"/> when this client created it. Later calls throw
    /// <see cref="ObjectDisposedException"/>, and so do calls still in flight.
    /// </summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>The keys masked.</summary>
    public override string ToString() =>
        $"IdentomatClient {{ BaseAddress = {(_transport is { } t ? IdentomatClientOptions.Canonical(t.Options.BaseAddress) : null)} }}";

    /// <summary>Disposes the <see cref="HttpClient"/> when this client created it.</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _disposing.Cancel();
            _ownedHttpClient?.Dispose();
        }
    }

    private static IdentomatClientOptions Validated(IdentomatClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var errors = options.Validate();
        return errors.Count == 0 ? options : throw new ArgumentException("Invalid IdentomatClientOptions: " + string.Join(" ", errors), nameof(options));
    }

    private static HttpClient CreateHttpClient(IdentomatClientOptions validated) =>
        new(CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>
    /// The handler the SDK's own clients use (the owned one and the one <c>AddIdentomat</c> registers). It never follows
    /// redirects, so a <c>Location</c> header can never carry the company key to another host. It never asks for
    /// compressed answers: signatures cover the bytes as sent, and a small compressed body must not become a huge one
    /// before any check. On .NET 8 and later it also propagates no trace context or baggage (the transport adds
    /// <c>traceparent</c> itself when asked), and closes the connection of an abandoned body (a stalled media stream)
    /// at once instead of draining it for reuse, so a synchronous read fails at its timeout.
    /// </summary>
    internal static HttpMessageHandler CreateHandler()
    {
#if NET8_0_OR_GREATER
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            ActivityHeadersPropagator = null,
            MaxResponseDrainSize = 0,
        };
#else
        return new HttpClientHandler { AllowAutoRedirect = false, AutomaticDecompression = System.Net.DecompressionMethods.None };
#endif
    }

    private async Task<IdentomatSession> BeginAsync(IdentomatTransport transport, byte[] body, CancellationToken cancellationToken)
    {
        var token = await transport.SendAsync(ApiCalls.Begin, body, sessionToken: null, cancellationToken).ConfigureAwait(false);
        return new IdentomatSession(token, GetWidgetUrl(token), transport.Time.GetUtcNow());
    }

    private static void CheckToken(string sessionToken)
    {
        if (string.IsNullOrWhiteSpace(sessionToken))
        {
            throw new ArgumentException("The session token is required.", nameof(sessionToken));
        }

        // Tokens are printable ASCII (what begin/ answers is refused otherwise): anything else would be sent as another
        // token (a lone surrogate as U+FFFD) or put a control character into a URL. The token is not quoted.
        if (sessionToken.Any(c => c is < '!' or > '~'))
        {
            throw new ArgumentException("The session token is not a session token: it holds a character that is not printable ASCII.", nameof(sessionToken));
        }
    }

    private static byte[] TokenBody(IdentomatTransport transport, string sessionToken)
    {
        CheckToken(sessionToken);
        return RequestBody.Token(transport.CompanyKey, sessionToken);
    }
}
