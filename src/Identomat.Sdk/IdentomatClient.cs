using System.Text.Json;
using Identomat.Sdk.Http;
using Identomat.Sdk.Serialization;
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
/// IdentomatSession session = await client.BeginSessionAsync(request, cancellationToken);
/// // redirect the user to session.WidgetUrl, then when they come back:
/// VerificationResult result = await client.GetResultAsync(session.Token, cancellationToken);
/// if (result.Status == VerificationStatus.Approved) { /* ... */ }
/// </code>
/// </example>
public class IdentomatClient : IIdentomatClient, IDisposable
{
    private static Operation Begin => Operations.Begin;

    private static Operation Result => Operations.Result;

    private static Operation Delete => Operations.Delete;

    private readonly IdentomatTransport? _transport;
    private readonly IdentomatClientOptions? _options;
    private readonly HttpClient? _ownedHttpClient;

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

    private IdentomatClient(HttpClient httpClient, IdentomatClientOptions options, ILoggerFactory? loggerFactory, TimeProvider? timeProvider, bool ownsHttpClient)
    {
        // The owning constructor validated already, before creating the HttpClient it would otherwise leak.
        _options = (ownsHttpClient ? options : Validated(options)).Clone();
        _ownedHttpClient = ownsHttpClient ? httpClient : null;
        var logger = (ILogger?)loggerFactory?.CreateLogger(IdentomatTelemetry.LoggerCategory) ?? NullLogger.Instance;
        _transport = new IdentomatTransport(httpClient, _options, logger, timeProvider ?? TimeProvider.System);
    }

    private IdentomatTransport Transport
    {
        get
        {
            var transport = _transport ?? throw new InvalidOperationException("This IdentomatClient was created for mocking; override the operation.");
            return transport.Disposed ? throw new ObjectDisposedException(nameof(IdentomatClient)) : transport;
        }
    }

    /// <summary>The widget URL for a session token: <c>{WidgetBaseAddress}?session_token={token}</c>.</summary>
    /// <param name="sessionToken">The session token.</param>
    /// <returns>The URL to redirect the user to, or to load in an iframe.</returns>
    public virtual Uri GetWidgetUrl(string sessionToken)
    {
        CheckToken(sessionToken);
        // Canonical form (no default port, no user-info): the URL travels to browsers and through JSON as written.
        var widget = _options?.WidgetBaseAddress ?? IdentomatClientOptions.DefaultWidgetBaseAddress;
        return new Uri(IdentomatClientOptions.Canonical(widget) + "?session_token=" + Uri.EscapeDataString(sessionToken));
    }

    /// <inheritdoc />
    public virtual async Task<IdentomatSession> BeginSessionAsync(SessionRequest request, CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var transport = Transport;
        var body = request.ToUtf8Json(transport.CompanyKey);
        return await transport.SendAsync(Begin, body, sessionToken: null, streamSuccess: false, (exchange, attempts) =>
        {
            var token = ReadJson(transport, exchange, attempts, static root => root.ValueKind == JsonValueKind.String ? root.GetString() : null);
            if (string.IsNullOrEmpty(token))
            {
                throw Unexpected(transport, exchange, attempts, "a session token (a JSON string)");
            }

            return new IdentomatSession(token!, GetWidgetUrl(token!), transport.Time.GetUtcNow());
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public virtual Task<VerificationResult> GetResultAsync(string sessionToken, CancellationToken cancellationToken = default)
    {
        var transport = Transport;
        return transport.SendAsync(Result, TokenBody(transport, sessionToken), sessionToken, streamSuccess: false, (exchange, attempts) =>
        {
            if (IdentomatTransport.ErrorCodeOf(exchange.Body) is { } code)
            {
                throw transport.ErrorFor(exchange, attempts, code);
            }

            try
            {
                return VerificationResult.Read(exchange.Body) ?? throw Unexpected(transport, exchange, attempts, "a result object");
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException)
            {
                throw Unexpected(transport, exchange, attempts, "a result object", ex);
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    public virtual Task<IdentomatMedia> GetMediaAsync(string sessionToken, MediaKind kind, CancellationToken cancellationToken = default)
    {
        var transport = Transport;
        var operation = Operations.Media(kind);
        return transport.SendAsync(operation, TokenBody(transport, sessionToken), sessionToken, streamSuccess: true, (exchange, attempts) =>
        {
            if (exchange.Stream is { } stream)
            {
                var content = exchange.Response.Content.Headers;
                return new IdentomatMedia(transport.MediaStream(stream, exchange.Response, operation.Name, cancellationToken), content.ContentType?.ToString(), content.ContentLength, exchange);
            }

            return ReadJson(transport, exchange, attempts, static root =>
                root.ValueKind == JsonValueKind.Object && root.TryGetProperty("argumentError", out var reason)
                    ? IdentomatMedia.Unavailable(reason.ValueKind == JsonValueKind.String ? reason.GetString() : reason.GetRawText())
                    : null) ?? throw Unexpected(transport, exchange, attempts, "media or an argumentError object");
        }, cancellationToken);
    }

    /// <inheritdoc />
    public virtual Task DeleteSessionAsync(string sessionToken, CancellationToken cancellationToken = default)
    {
        var transport = Transport;
        return transport.SendAsync(Delete, TokenBody(transport, sessionToken), sessionToken, streamSuccess: false, (exchange, attempts) =>
        {
            if (IdentomatTransport.ErrorCodeOf(exchange.Body) is { } code)
            {
                throw transport.ErrorFor(exchange, attempts, code);
            }

            return true;
        }, cancellationToken);
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
    public override string ToString() => $"IdentomatClient {{ BaseAddress = {(_options is null ? null : IdentomatClientOptions.Canonical(_options.BaseAddress))} }}";

    /// <summary>Disposes the <see cref="HttpClient"/> when this client created it.</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (_transport is not null)
            {
                _transport.Disposed = true;
            }

            _ownedHttpClient?.Dispose();
        }
    }

    private static IdentomatClientOptions Validated(IdentomatClientOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        var errors = options.Validate();
        return errors.Count == 0 ? options : throw new ArgumentException("Invalid IdentomatClientOptions: " + string.Join(" ", errors), nameof(options));
    }

    private static HttpClient CreateHttpClient(IdentomatClientOptions validated) =>
        new(CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>
    /// The handler the SDK's own clients use (the owned one and the one <c>AddIdentomat</c> registers): it never follows
    /// redirects, so a <c>Location</c> header can never carry the company key to another host.
    /// </summary>
    internal static HttpMessageHandler CreateHandler()
    {
#if NET8_0_OR_GREATER
        return new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5), AutomaticDecompression = System.Net.DecompressionMethods.All };
#else
        return new HttpClientHandler { AllowAutoRedirect = false, AutomaticDecompression = System.Net.DecompressionMethods.GZip | System.Net.DecompressionMethods.Deflate };
#endif
    }

    private static void CheckToken(string sessionToken)
    {
        if (string.IsNullOrWhiteSpace(sessionToken))
        {
            throw new ArgumentException("The session token is required.", nameof(sessionToken));
        }
    }

    private static byte[] TokenBody(IdentomatTransport transport, string sessionToken)
    {
        CheckToken(sessionToken);
        using var buffer = new Internal.PooledBufferWriter(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(SessionRequest.CompanyKeyName, transport.CompanyKey);
            writer.WriteString("session_token", sessionToken);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a JSON answer: a bare error-code string throws its typed error; anything else goes to <paramref name="read"/>.</summary>
    private static T? ReadJson<T>(IdentomatTransport transport, Exchange exchange, Attempts attempts, Func<JsonElement, T?> read)
        where T : class
    {
        if (IdentomatTransport.ErrorCodeOf(exchange.Body) is { } code)
        {
            throw transport.ErrorFor(exchange, attempts, code);
        }

        try
        {
            using var document = JsonDocument.Parse(exchange.Body ?? Array.Empty<byte>());
            return read(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw Unexpected(transport, exchange, attempts, "JSON", ex);
        }
    }

    private static IdentomatApiException Unexpected(IdentomatTransport transport, Exchange exchange, Attempts attempts, string expected, Exception? inner = null) =>
        transport.ErrorFor(
            exchange,
            attempts,
            message: $"Identomat {attempts.Operation.Name}: expected {expected}, but the HTTP {exchange.Status} answer was not that ({transport.DescribeContent(exchange, attempts)}).",
            innerException: inner);
}

/// <summary>The server API's operations.</summary>
internal static class Operations
{
    public static readonly Operation Begin = new("begin", "begin/", IsIdempotent: false);
    public static readonly Operation Result = new("result", "result/", IsIdempotent: true);
    public static readonly Operation Delete = new("delete", "delete/", IsIdempotent: true, ExpectsBody: false);

    private static readonly Operation[] MediaOperations =
    [
        new("media", "result/card-front/", IsIdempotent: true),
        new("media", "result/card-back/", IsIdempotent: true),
        new("media", "result/passport/", IsIdempotent: true),
        new("media", "result/face/", IsIdempotent: true),
        new("media", "result/face-video/", IsIdempotent: true),
    ];

    public static IEnumerable<Operation> All => MediaOperations.Concat([Begin, Result, Delete]);

    public static Operation Media(MediaKind kind) =>
        (int)kind >= 0 && (int)kind < MediaOperations.Length ? MediaOperations[(int)kind] : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown media kind.");
}
