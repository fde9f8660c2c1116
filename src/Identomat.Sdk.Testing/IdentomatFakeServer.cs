using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Identomat.Sdk.Testing;

/// <summary>
/// A fake Identomat server that behaves like the vendor, in process: no socket and no WireMock. <c>begin/</c> checks
/// the company key and the flow (with the SDK's own model and validator) and issues a token; <c>result/</c> answers
/// what the test scripted for the token; media returns scripted bytes or <c>argumentError</c>; <c>delete/</c> forgets
/// the session; with a secret key, requests are verified and answers signed. Faults can be scripted per operation, and
/// every request is recorded. Reach it through <see cref="CreateClient"/>, through the client <c>AddIdentomat</c>
/// registers (<c>.UseIdentomatFake(fake)</c>), or over a socket with the <c>Identomat.Sdk.Testing.WireMock</c>
/// package. Thread-safe.
/// </summary>
/// <example>
/// <code>
/// using var fake = IdentomatFakeServer.StartInProcess();
/// using var client = fake.CreateClient();
/// var session = await client.BeginSessionAsync(new SessionBuilder().AddLiveness().Build());
/// fake.CompleteSession(session.Token, FakeResults.Approved());
/// var result = await client.GetResultAsync(session.Token);   // Status == VerificationStatus.Approved
/// </code>
/// </example>
public sealed partial class IdentomatFakeServer : IDisposable
{
    /// <summary>The company key the fake accepts unless told otherwise.</summary>
    public const string DefaultCompanyKey = "fake-company-key";

    /// <summary>The callback API key the fake signs its simulated callbacks with unless told otherwise.</summary>
    public const string DefaultCallbackApiKey = "fake-callback-key";

    private const string CompanyKeyInvalid = "\"COMPANY_KEY_INVALID\"";
    private const string SessionNotFound = "\"SESSION_NOT_FOUND\"";

    private static readonly (string Path, MediaKind Kind)[] MediaPaths =
    [
        ("result/card-front/", MediaKind.CardFront),
        ("result/card-back/", MediaKind.CardBack),
        ("result/passport/", MediaKind.Passport),
        ("result/face/", MediaKind.Face),
        ("result/face-video/", MediaKind.FaceVideo),
    ];

    private readonly Uri _root = new("https://identomat.fake/");
    private readonly HttpClient _http;
    private readonly ConcurrentDictionary<string, FakeSession> _sessions = new(StringComparer.Ordinal);
    private readonly List<ScriptedFault> _faults = new();
    private readonly int[] _calls = new int[4];
    private readonly ConcurrentQueue<SessionRequest> _received = new();
    private readonly ConcurrentQueue<IReadOnlyList<ValidationError>> _rejected = new();
    private readonly int _maxRecorded;
    private readonly int _maxSessions;
    private readonly TimeProvider _time;
    private readonly byte[]? _secret;
    private Uri? _callbackUrl;
    private readonly HttpClient _callbacks;

    private IdentomatFakeServer(IdentomatFakeServerOptions options)
    {
        options.Validate();
        CompanyKey = options.CompanyKey;
        SecretKey = options.SecretKey;
        CallbackApiKey = options.CallbackApiKey;
        _maxRecorded = options.MaxRecordedSessions;
        _maxSessions = options.MaxSessions;
        _time = options.TimeProvider ?? TimeProvider.System;
        _secret = SecretKey is null ? null : Encoding.UTF8.GetBytes(SecretKey);
        _http = new HttpClient(CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan };
        _callbackUrl = options.CallbackUrl;
        _callbacks = options.CallbackHandler is { } handler
            ? new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(30) }
            : new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>
    /// The server API address the clients of this fake use: <c>https://identomat.fake/external-api/</c>, reachable only
    /// through <see cref="CreateClient"/>, <see cref="CreateHandler"/> or <c>UseIdentomatFake</c>.
    /// </summary>
    public Uri BaseAddress => new(_root, "external-api/");

    /// <summary>
    /// The widget address the client's options point at: the fake widget, reached through <see cref="CreateHandler"/>
    /// (<c>https://identomat.fake/widget/</c>), or, once <see cref="ServeWidget"/> was called, on its loopback socket
    /// where a browser can open it.
    /// </summary>
    public Uri WidgetBaseAddress => _widgetListener?.WidgetAddress ?? new(_root, "widget/");

    /// <summary>The company key the fake accepts.</summary>
    public string CompanyKey { get; }

    /// <summary>
    /// Where the fake widget POSTs the callbacks a flow asks for (<see cref="IdentomatFakeServerOptions.CallbackUrl"/>);
    /// settable once the app knows its own address.
    /// </summary>
    /// <exception cref="ArgumentException">The URL is not an absolute http or https URL.</exception>
    public Uri? CallbackUrl
    {
        get => Volatile.Read(ref _callbackUrl);
        set => Volatile.Write(ref _callbackUrl, IdentomatFakeServerOptions.CheckCallbackUrl(value, nameof(value)));
    }

    /// <summary>The HMAC key, when signing is on.</summary>
    public string? SecretKey { get; }

    /// <summary>The key carried by <see cref="CreateCallbackBody"/>'s callbacks.</summary>
    public string CallbackApiKey { get; }

    /// <summary>The flows <c>begin/</c> accepted, in order: the latest <see cref="IdentomatFakeServerOptions.MaxRecordedSessions"/>.</summary>
    public IReadOnlyList<SessionRequest> ReceivedSessions => _received.ToArray();

    /// <summary>
    /// The problems of the flows <c>begin/</c> refused as invalid, in order (the answer was HTTP 400): the latest
    /// <see cref="IdentomatFakeServerOptions.MaxRecordedSessions"/>.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<ValidationError>> RejectedSessions => _rejected.ToArray();

    /// <summary>The tokens of the sessions the fake knows.</summary>
    public IReadOnlyCollection<string> SessionTokens => _sessions.Keys.ToArray();

    /// <summary>
    /// Starts a fake in process: the client's <see cref="HttpClient"/> talks to it through a message handler (use
    /// <see cref="CreateClient"/>, <see cref="CreateHandler"/> or <c>UseIdentomatFake</c>). For samples, NativeAOT apps
    /// and the fastest unit tests; a dropped connection is then a real <see cref="HttpRequestException"/>.
    /// </summary>
    /// <param name="options">Its keys and limits; the defaults when null.</param>
    /// <returns>The fake.</returns>
    /// <exception cref="ArgumentException">An option is out of its range.</exception>
    public static IdentomatFakeServer StartInProcess(IdentomatFakeServerOptions? options = null) =>
        new(options ?? new IdentomatFakeServerOptions());

    /// <summary>
    /// A new message handler that delivers requests to this fake, for an <see cref="HttpClient"/> you build (the caller
    /// owns and disposes it). Requests to other paths than the API's are answered 404.
    /// </summary>
    /// <returns>The handler.</returns>
    public HttpMessageHandler CreateHandler() => new InProcessHandler(this);

    /// <summary>
    /// Client settings pointing at this server with its keys, and a 10 ms retry base delay so that tests of retries
    /// stay fast.
    /// </summary>
    /// <returns>New settings; change them as the test needs.</returns>
    public IdentomatClientOptions CreateClientOptions() => new()
    {
        CompanyKey = CompanyKey,
        SecretKey = SecretKey,
        BaseAddress = BaseAddress,
        WidgetBaseAddress = WidgetBaseAddress,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
    };

    /// <summary>A client of this fake, over an <see cref="HttpClient"/> the fake owns.</summary>
    /// <param name="configure">Changes the settings of <see cref="CreateClientOptions"/>.</param>
    /// <param name="loggerFactory">Where the client logs.</param>
    /// <returns>The client.</returns>
    public IdentomatClient CreateClient(Action<IdentomatClientOptions>? configure = null, ILoggerFactory? loggerFactory = null)
    {
        var options = CreateClientOptions();
        configure?.Invoke(options);
        return new IdentomatClient(_http, options, loggerFactory);
    }

    /// <summary>How many requests an operation received, faults included.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The count.</returns>
    public int CallCount(FakeOperation operation) => Volatile.Read(ref _calls[(int)operation]);

    /// <summary>Creates a session without <c>begin/</c>, e.g. to test code that only reads results.</summary>
    /// <param name="result">Its result; in progress when null.</param>
    /// <returns>The new session's token.</returns>
    public string AddSession(VerificationResult? result = null)
    {
        return Add(new FakeSession(new SessionRequest(), (result ?? FakeResults.InProgress()).ToJson(), _time.GetUtcNow()) { Started = result is not null });
    }

    /// <summary>Sets what <c>result/</c> answers for a session, as if the user had finished the flow.</summary>
    /// <param name="token">The session token.</param>
    /// <param name="result">The result, e.g. <see cref="FakeResults.Approved"/>.</param>
    /// <exception cref="KeyNotFoundException">The fake knows no such session.</exception>
    public void CompleteSession(string token, VerificationResult result) =>
        CompleteSession(token, (result ?? throw new ArgumentNullException(nameof(result))).ToJson());

    /// <summary>Sets the raw JSON <c>result/</c> answers for a session (for shapes the typed model cannot express).</summary>
    /// <param name="token">The session token.</param>
    /// <param name="resultJson">The answer body.</param>
    /// <exception cref="KeyNotFoundException">The fake knows no such session.</exception>
    public void CompleteSession(string token, string resultJson)
    {
        var session = Session(token);
        session.ResultJson = resultJson ?? throw new ArgumentNullException(nameof(resultJson));
        session.Started = true;
    }

    /// <summary>
    /// Expires a session's token now, as if its 15 minutes had passed before anyone started it: its widget page no
    /// longer opens, and <c>result/</c> answers as the README's assumptions say the vendor does for a session never
    /// started (as in progress, with no status, for as long as the fake keeps it).
    /// </summary>
    /// <param name="token">The session token.</param>
    /// <exception cref="KeyNotFoundException">The fake knows no such session.</exception>
    public void ExpireSession(string token) => Session(token).Expired = true;

    /// <summary>
    /// Whether a session's token has expired: <see cref="ExpireSession"/> was called, or it was issued more than
    /// <see cref="IdentomatSession.DefaultLifetime"/> (15 minutes, on the fake's clock) ago and nobody started it (its
    /// widget page was not opened and no result was set).
    /// </summary>
    /// <param name="token">The session token.</param>
    /// <returns>True when the token can no longer start the flow.</returns>
    /// <exception cref="KeyNotFoundException">The fake knows no such session.</exception>
    public bool IsExpired(string token)
    {
        return IsExpired(Session(token));
    }

    /// <summary>A session told to expire, or issued more than the token's lifetime ago and never started.</summary>
    private bool IsExpired(FakeSession session) =>
        session.Expired || (!session.Started && _time.GetUtcNow() >= session.IssuedAt + IdentomatSession.DefaultLifetime);

    /// <summary>Sets a session's media; media not set is answered with <c>argumentError</c>.</summary>
    /// <param name="token">The session token.</param>
    /// <param name="kind">Which media.</param>
    /// <param name="content">The bytes.</param>
    /// <param name="contentType">The media type, e.g. <c>image/jpeg</c>.</param>
    /// <exception cref="KeyNotFoundException">The fake knows no such session.</exception>
    public void SetMedia(string token, MediaKind kind, byte[] content, string contentType = "image/jpeg") =>
        Session(token).Media[kind] = (content ?? throw new ArgumentNullException(nameof(content)), contentType);

    /// <summary>The flow a session was started with.</summary>
    /// <param name="token">The session token.</param>
    /// <returns>The request <c>begin/</c> received.</returns>
    /// <exception cref="KeyNotFoundException">The fake knows no such session.</exception>
    public SessionRequest RequestOf(string token) => Session(token).Request;

    /// <summary>
    /// Makes the next <paramref name="count"/> calls of an operation fail with <paramref name="fault"/>, whatever session
    /// they are about; later calls behave normally. Tests that share one fake and run in parallel script their faults
    /// for their own session instead (the other overload, and <see cref="FailNextBegin"/>).
    /// </summary>
    /// <param name="operation">The operation.</param>
    /// <param name="count">How many calls fail: at least 1.</param>
    /// <param name="fault">How they fail.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public void FailNext(FakeOperation operation, int count, FakeFault fault) =>
        Script(operation, count, fault, matches: null);

    /// <summary>
    /// Makes the next <paramref name="count"/> calls of an operation about one session (<c>result/</c>, media,
    /// <c>delete/</c>) fail with <paramref name="fault"/>; calls about other sessions are not affected.
    /// </summary>
    /// <param name="operation">The operation: <see cref="FakeOperation.Result"/>, <see cref="FakeOperation.Media"/> or <see cref="FakeOperation.Delete"/>.</param>
    /// <param name="count">How many calls fail: at least 1.</param>
    /// <param name="fault">How they fail.</param>
    /// <param name="sessionToken">The session whose calls fail.</param>
    /// <exception cref="ArgumentException">The operation is <c>begin/</c>, which has no session token yet: use <see cref="FailNextBegin"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public void FailNext(FakeOperation operation, int count, FakeFault fault, string sessionToken)
    {
        if (sessionToken is null)
        {
            throw new ArgumentNullException(nameof(sessionToken));
        }

        if (operation == FakeOperation.Begin)
        {
            throw new ArgumentException("begin/ calls have no session token yet: script them with FailNextBegin and a predicate on the flow (for example its ClientUserId).", nameof(operation));
        }

        Script(operation, count, fault, call => call.SessionToken == sessionToken, sessionToken);
    }

    /// <summary>
    /// Makes the next <paramref name="count"/> <c>begin/</c> calls whose flow matches <paramref name="matches"/> fail with
    /// <paramref name="fault"/> (for example <c>flow =&gt; flow.ClientUserId == "user-42"</c>); other calls are not affected.
    /// A body that is not a readable flow matches nothing.
    /// </summary>
    /// <param name="count">How many calls fail: at least 1.</param>
    /// <param name="fault">How they fail.</param>
    /// <param name="matches">Which flows.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public void FailNextBegin(int count, FakeFault fault, Func<SessionRequest, bool> matches)
    {
        if (matches is null)
        {
            throw new ArgumentNullException(nameof(matches));
        }

        Script(FakeOperation.Begin, count, fault, call => call.Flow is { } flow && Matches(matches, flow));
    }

    /// <summary>A test's predicate that throws matches nothing: it must not break every later <c>begin/</c>.</summary>
    private static bool Matches(Func<SessionRequest, bool> matches, SessionRequest flow)
    {
        try
        {
            return matches(flow);
        }
        catch (Exception)
        {
            return false;
        }
    }

    private void Script(FakeOperation operation, int count, FakeFault fault, Func<FakeCall, bool>? matches, string? sessionToken = null)
    {
        if (fault is null)
        {
            throw new ArgumentNullException(nameof(fault));
        }

        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "At least one call must fail.");
        }

        lock (_faults)
        {
            _faults.Add(new ScriptedFault(operation, fault, matches, count, sessionToken));
        }
    }

    /// <summary>The first scripted fault that applies to a call, counted down: faults apply in the order they were scripted.</summary>
    private FakeFault? NextFault(FakeCall call)
    {
        lock (_faults)
        {
            for (var i = 0; i < _faults.Count; i++)
            {
                var scripted = _faults[i];
                if (scripted.Operation == call.Operation && (scripted.Matches is null || scripted.Matches(call)))
                {
                    if (--scripted.Remaining == 0)
                    {
                        _faults.RemoveAt(i);
                    }

                    return scripted.Fault;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// A callback body as the vendor would POST it to your callback endpoint, carrying <see cref="CallbackApiKey"/>
    /// (or a wrong key, to test that your endpoint refuses it).
    /// </summary>
    /// <param name="type">The event type, e.g. <c>one-time-password-request</c>.</param>
    /// <param name="sessionId">The session.</param>
    /// <param name="fields">More fields, e.g. <c>text</c> and <c>phoneNumber</c>.</param>
    /// <param name="wrongKey">Carry a wrong key instead.</param>
    /// <returns>The JSON body.</returns>
    public string CreateCallbackBody(string type, string sessionId, IReadOnlyDictionary<string, string>? fields = null, bool wrongKey = false)
    {
        var body = new Dictionary<string, string>
        {
            ["callbackApiKey"] = wrongKey ? CallbackApiKey + "-wrong" : CallbackApiKey,
            ["type"] = type,
            ["sessionId"] = sessionId,
        };
        foreach (var field in fields ?? new Dictionary<string, string>())
        {
            body[field.Key] = field.Value;
        }

        return JsonSerializer.Serialize(body, FakeJsonContext.Default.DictionaryStringString);
    }

    /// <summary>Releases the fake's own <see cref="HttpClient"/>s and stops the widget's socket.</summary>
    public void Dispose()
    {
        _widgetListener?.Dispose();
        _callbacks.Dispose();
        _http.Dispose();
    }

    /// <summary>The address only.</summary>
    public override string ToString() => $"IdentomatFakeServer {{ BaseAddress = {BaseAddress} }}";

    private static string NewToken()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        var bytes = RandomNumberGenerator.GetBytes(40);
        return new string(bytes.Select(b => alphabet[b % alphabet.Length]).ToArray());
    }


    private FakeSession Session(string token) =>
        _sessions.TryGetValue(token ?? throw new ArgumentNullException(nameof(token)), out var session)
            ? session
            : throw new KeyNotFoundException("The fake server knows no session with that token.");

    private static IEnumerable<(string Path, FakeOperation Operation)> Routes =>
        new[] { ("begin/", FakeOperation.Begin), ("result/", FakeOperation.Result), ("delete/", FakeOperation.Delete) }
            .Concat(MediaPaths.Select(m => (m.Path, FakeOperation.Media)));

    /// <summary>The vendor's behaviour, whatever the host: faults first, then signature, JSON and key checks, then the operation.</summary>
    private async Task<FakeAnswer> HandleAsync(string path, FakeOperation operation, byte[] bytes, string? signature)
    {
        Interlocked.Increment(ref _calls[(int)operation]);
        if (NextFault(new FakeCall(operation, bytes)) is { } fault)
        {
            if (fault.DelayBy is { } delay)
            {
                await Task.Delay(delay).ConfigureAwait(false);
            }
            else if (fault.DropsConnection)
            {
                return FakeAnswer.Dropped;
            }
            else
            {
                var failed = Answer(fault.StatusCode!.Value, fault.Body!);
                if (fault.RetryAfterDelay is { } wait)
                {
                    failed.Headers["Retry-After"] = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                return failed;
            }
        }

        if (_secret is not null && (signature is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(signature), Encoding.UTF8.GetBytes(Sign(bytes)))))
        {
            return Answer(401, "\"SIGNATURE_INVALID\"");
        }

        if (ReadCredentials(bytes) is not { } credentials)
        {
            // Not JSON, or a string that is not valid text (a lone surrogate): what the vendor answers to bad JSON.
            return Answer(400, "\"INVALID_JSON\"");
        }

        if (credentials.CompanyKey != CompanyKey)
        {
            return Answer(200, CompanyKeyInvalid);
        }

        var sessionToken = credentials.SessionToken ?? string.Empty;

        return operation switch
        {
            FakeOperation.Begin => Begin(bytes),
            FakeOperation.Result => Result(sessionToken),
            FakeOperation.Delete => Delete(sessionToken),
            _ => Media(sessionToken, MediaPaths.Single(m => m.Path == path).Kind),
        };
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The body's <c>company_key</c> and <c>session_token</c> (null when not strings); null when the body is not JSON.</summary>
    private static (string? CompanyKey, string? SessionToken)? ReadCredentials(byte[] bytes)
    {
        try
        {
            var root = JsonSerializer.Deserialize(bytes, FakeJsonContext.Default.JsonElement);
            var body = root.ValueKind == JsonValueKind.Object ? root.Deserialize(FakeJsonContext.Default.FakeCredentials)! : new FakeCredentials();
            return (body.CompanyKeyText, body.SessionTokenText);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private FakeAnswer Begin(byte[] bytes)
    {
        SessionRequest request;
        try
        {
            request = SessionRequest.FromJson(StrictUtf8.GetString(bytes));
        }
        catch (IdentomatValidationException ex)
        {
            Record(_rejected, ex.Errors);
            return Answer(400, "\"INVALID_PARAMETERS\"");
        }
        catch (DecoderFallbackException)
        {
            // Invalid UTF-8 is refused, as the SDK's own reader refuses it, instead of being read as U+FFFD.
            Record(_rejected, new[] { new ValidationError("$", "the body is not valid UTF-8") });
            return Answer(400, "\"INVALID_JSON\"");
        }

        var errors = request.Validate();
        if (errors.Count > 0)
        {
            Record(_rejected, errors);
            return Answer(400, "\"INVALID_PARAMETERS\"");
        }

        var token = Add(new FakeSession(request, FakeResults.InProgress().ToJson(), _time.GetUtcNow()));
        Record(_received, request);
        return Answer(200, JsonSerializer.Serialize(token, FakeJsonContext.Default.String));
    }

    private void Record<T>(ConcurrentQueue<T> log, T item)
    {
        log.Enqueue(item);
        while (log.Count > _maxRecorded && log.TryDequeue(out _))
        {
        }
    }

    private FakeAnswer Result(string sessionToken) =>
        _sessions.TryGetValue(sessionToken, out var session)
            ? Answer(200, session.ResultJson)
            : Answer(200, SessionNotFound);

    private FakeAnswer Delete(string sessionToken) =>
        Remove(sessionToken)
            ? Answer(200, string.Empty)
            : Answer(200, SessionNotFound);

    /// <summary>Keeps a new session, forgetting the oldest beyond <see cref="IdentomatFakeServerOptions.MaxSessions"/>.</summary>
    private string Add(FakeSession session)
    {
        var token = NewToken();
        _sessions[token] = session;
        while (_sessions.Count > _maxSessions)
        {
            var oldest = _sessions.OrderBy(s => s.Value.Sequence).First().Key;
            Remove(oldest);
        }

        return token;
    }

    /// <summary>Forgets a session and the faults scripted for it.</summary>
    private bool Remove(string token)
    {
        lock (_faults)
        {
            _faults.RemoveAll(f => f.SessionToken == token);
        }

        return _sessions.TryRemove(token, out _);
    }

    private FakeAnswer Media(string sessionToken, MediaKind kind)
    {
        if (!_sessions.TryGetValue(sessionToken, out var session))
        {
            return Answer(200, SessionNotFound);
        }

        return session.Media.TryGetValue(kind, out var media)
            ? Answer(200, media.Content, media.ContentType)
            : Answer(200, JsonSerializer.Serialize(new FakeMediaError { ArgumentError = kind + " not found for this session" }, FakeJsonContext.Default.FakeMediaError));
    }

    private string Sign(byte[] body) => "signature=\"" + Convert.ToBase64String(HMACSHA256.HashData(_secret!, body)) + "\"";

    private FakeAnswer Answer(int status, string json) => Answer(status, Encoding.UTF8.GetBytes(json), "application/json; charset=utf-8");

    private FakeAnswer Answer(int status, byte[] content, string contentType)
    {
        var answer = new FakeAnswer(status, content);
        answer.Headers["Content-Type"] = contentType;
        if (_secret is not null && status is >= 200 and < 300)
        {
            answer.Headers["Authorization"] = Sign(content);
        }

        return answer;
    }

    /// <summary>One answer of the fake, before a host turns it into its own response type.</summary>
    private sealed class FakeAnswer(int status, byte[] body)
    {
        public static readonly FakeAnswer Dropped = new(0, []) { Drop = true };

        public int Status { get; } = status;

        public byte[] Body { get; } = body;

        public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

        public bool Drop { get; private init; }
    }

    /// <summary>The in-process host: the client's HTTP requests go straight to the fake, without a socket.</summary>
    private sealed class InProcessHandler(IdentomatFakeServer fake) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            if (path.StartsWith("/widget/", StringComparison.Ordinal))
            {
                var page = await fake.WidgetAsync(request, path["/widget/".Length..], cancellationToken).ConfigureAwait(false);
                page.RequestMessage = request;
                return page;
            }

            var route = Routes.FirstOrDefault(r => path == "/external-api/" + r.Path);
            if (request.Method != HttpMethod.Post || route.Path is null)
            {
                return new HttpResponseMessage(System.Net.HttpStatusCode.NotFound) { RequestMessage = request };
            }

            var bytes = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var signature = request.Headers.TryGetValues("Authorization", out var values) ? values.FirstOrDefault() : null;
            var answer = await fake.HandleAsync(route.Path, route.Operation, bytes, signature).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (answer.Drop)
            {
                throw new HttpRequestException("The fake server dropped the connection.", new IOException("Connection reset by the fake server."));
            }

            var response = new HttpResponseMessage((System.Net.HttpStatusCode)answer.Status) { RequestMessage = request, Content = new ByteArrayContent(answer.Body) };
            foreach (var (name, value) in answer.Headers)
            {
                if (!response.Headers.TryAddWithoutValidation(name, value))
                {
                    response.Content.Headers.TryAddWithoutValidation(name, value);
                }
            }

            return response;
        }
    }

    /// <summary>A call as the fault scripts see it: its operation, its session token and, for <c>begin/</c>, its flow.</summary>
    private sealed class FakeCall(FakeOperation operation, byte[] body)
    {
        private SessionRequest? _flow;
        private bool _flowRead;

        public FakeOperation Operation { get; } = operation;

        public string? SessionToken => ReadCredentials(body)?.SessionToken;

        public SessionRequest? Flow
        {
            get
            {
                if (!_flowRead)
                {
                    _flowRead = true;
                    try
                    {
                        _flow = SessionRequest.FromJson(StrictUtf8.GetString(body));
                    }
                    catch (Exception ex) when (ex is IdentomatValidationException or DecoderFallbackException)
                    {
                        _flow = null;
                    }
                }

                return _flow;
            }
        }
    }

    /// <summary>A fault scripted for the next calls that match, and how many of them are left.</summary>
    private sealed class ScriptedFault(FakeOperation operation, FakeFault fault, Func<FakeCall, bool>? matches, int count, string? sessionToken)
    {
        /// <summary>The session the fault is for, if any: it goes with its session.</summary>
        public string? SessionToken { get; } = sessionToken;

        public FakeOperation Operation { get; } = operation;

        public FakeFault Fault { get; } = fault;

        public Func<FakeCall, bool>? Matches { get; } = matches;

        public int Remaining { get; set; } = count;
    }

    private sealed class FakeSession(SessionRequest request, string resultJson, DateTimeOffset issuedAt)
    {
        private static long _issued;

        /// <summary>The order sessions were added in: the oldest is forgotten first.</summary>
        public long Sequence { get; } = Interlocked.Increment(ref _issued);

        public SessionRequest Request { get; } = request;

        public DateTimeOffset IssuedAt { get; } = issuedAt;

        /// <summary>Someone started the flow: the widget page was opened, or a result was set.</summary>
        public bool Started { get; set; }

        public bool Expired { get; set; }

        public string ResultJson { get; set; } = resultJson;

        public ConcurrentDictionary<MediaKind, (byte[] Content, string ContentType)> Media { get; } = new();

        public WidgetState Widget { get; } = new();
    }
}

/// <summary>The parts of a request body the fake reads: the credential and the session token, when they are strings.</summary>
internal sealed class FakeCredentials
{
    [System.Text.Json.Serialization.JsonPropertyName("company_key")]
    public JsonElement CompanyKey { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("session_token")]
    public JsonElement SessionToken { get; set; }

    public string? CompanyKeyText => CompanyKey.ValueKind == JsonValueKind.String ? CompanyKey.GetString() : null;

    public string? SessionTokenText => SessionToken.ValueKind == JsonValueKind.String ? SessionToken.GetString() : null;
}

/// <summary>A media endpoint's answer when the session has no such media.</summary>
internal sealed class FakeMediaError
{
    [System.Text.Json.Serialization.JsonPropertyName("argumentError")]
    public string? ArgumentError { get; set; }
}

/// <summary>The fake's own JSON: source-generated, as the SDK's (the fake does not use the SDK's internal contexts).</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
[System.Text.Json.Serialization.JsonSerializable(typeof(bool))]
[System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
[System.Text.Json.Serialization.JsonSerializable(typeof(JsonElement))]
[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(FakeCredentials))]
[System.Text.Json.Serialization.JsonSerializable(typeof(FakeMediaError))]
internal sealed partial class FakeJsonContext : System.Text.Json.Serialization.JsonSerializerContext
{
}
