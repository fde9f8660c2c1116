using Polly;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Identomat.Sdk.Benchmarks;

/// <summary>
/// begin/ + result/ on loopback against an in-process Kestrel server answering fixed, signed bytes. The SDK runs its
/// full pipeline (retry strategy, timeouts, HMAC signing and verification, the input gate, the typed result) twice: as
/// an application without OpenTelemetry or logging runs it (like for like with the integrator's code, which neither
/// logs nor traces), and observed (Information logging to a no-op provider and an activity listener that records every
/// activity, which also makes HttpClient propagate the trace context in a <c>traceparent</c> header); the floor posts pre-serialized bytes with a raw HttpClient; the integrator baseline is what an
/// integrator writes by hand without the SDK: HttpClient, reflection <c>JsonSerializer</c> into their own DTOs, HMAC
/// signing of the request and verification of the answer. Target (issue 11): the SDK no slower than the integrator's
/// code at 1 and 32 callers; both ratios to the floor reported.
/// </summary>
[MemoryDiagnoser]
public class RoundTripBenchmarks
{
    private const string Secret = "sk_benchmark";
    private static readonly byte[] Token = Encoding.UTF8.GetBytes("\"47fjq0a8x3kd9w2m5n7b1c4v6z8l0p2r4t6y8hisc\"");

    private WebApplication _server = null!;
    private IdentomatClient _client = null!;
    private IdentomatClient _observedClient = null!;
    private HttpClient _sdkHttp = null!;
    private HttpClient _raw = null!;
    private ActivityListener? _listener;
    private ILoggerFactory _loggers = null!;
    private SessionRequest _flow = null!;
    private byte[] _beginBody = null!;
    private byte[] _resultBody = null!;
    private Uri _begin = null!;
    private Uri _result = null!;

    [Params(1, 32)]
    public int Callers { get; set; }

    [GlobalSetup(Targets = new[] { nameof(Sdk), nameof(Integrator), nameof(Raw) })]
    public void Setup() => Setup(observe: false);

    [GlobalSetup(Target = nameof(SdkObserved))]
    public void SetupObserved() => Setup(observe: true);

    /// <summary>Starts the server and the clients; an activity listener only when <paramref name="observe"/>.</summary>
    public void Setup(bool observe)
    {
        var result = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "result.approved-with-proof-of-address.json"));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        _server.MapPost("/external-api/begin/", (HttpContext c) => Answer(c, Token));
        _server.MapPost("/external-api/result/", (HttpContext c) => Answer(c, result));
        _server.StartAsync().GetAwaiter().GetResult();
        var root = new Uri(_server.Urls.First() + "/external-api/");
        _begin = new Uri(root, "begin/");
        _result = new Uri(root, "result/");

        Trace(observe);
        _loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(new NoOpProvider()));
        _sdkHttp = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { Timeout = Timeout.InfiniteTimeSpan };
        _client = new IdentomatClient(_sdkHttp, new IdentomatClientOptions { CompanyKey = FullFlow.CompanyKey, SecretKey = Secret, BaseAddress = root });
        _observedClient = new IdentomatClient(_sdkHttp, new IdentomatClientOptions { CompanyKey = FullFlow.CompanyKey, SecretKey = Secret, BaseAddress = root }, _loggers);
        _raw = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 });
        _flow = new SessionBuilder().AddIdentityDocument().AddLiveness().ForClientUser("user-42").Build();
        _beginBody = Identomat.Sdk.Http.RequestBody.Begin(_flow, FullFlow.CompanyKey);
        _resultBody = Encoding.UTF8.GetBytes("{\"company_key\":\"" + FullFlow.CompanyKey + "\",\"session_token\":\"47fjq0a8x3kd9w2m5n7b1c4v6z8l0p2r4t6y8hisc\"}");
        if (SdkOnce(_client).GetAwaiter().GetResult() != "approved" || SdkOnce(_observedClient).GetAwaiter().GetResult() != "approved" || IntegratorOnce().GetAwaiter().GetResult() != "approved")
        {
            throw new InvalidOperationException("The SDK round trip failed.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _observedClient.Dispose();
        _sdkHttp.Dispose();
        _raw.Dispose();
        _listener?.Dispose();
        _loggers.Dispose();
        _server.StopAsync().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "SDK: BeginSessionAsync + GetResultAsync")]
    public Task Sdk() => Callers == 1 ? SdkOnce(_client) : Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => SdkOnce(_client)));

    [Benchmark(Description = "SDK, logged and traced")]
    public Task SdkObserved() => Callers == 1 ? SdkOnce(_observedClient) : Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => SdkOnce(_observedClient)));

    /// <summary>Starts or stops recording the SDK's activities (for the in-process comparison of Program's roundtrip mode).</summary>
    public void Trace(bool on)
    {
        _listener?.Dispose();
        _listener = null;
        if (on)
        {
            _listener = new ActivityListener { ShouldListenTo = s => s.Name == "Identomat.Sdk", Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded };
            ActivitySource.AddActivityListener(_listener);
        }
    }

    [Benchmark(Description = "By hand: HttpClient + reflection JsonSerializer DTOs + HMAC sign and verify")]
    public Task Integrator() => Callers == 1 ? IntegratorOnce() : Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => IntegratorOnce()));

    [Benchmark(Baseline = true, Description = "Raw HttpClient.PostAsync of pre-serialized bytes")]
    public Task Raw() => Callers == 1 ? RawOnce() : Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => RawOnce()));

    private static Task Answer(HttpContext context, byte[] body)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers["Authorization"] = "signature=\"" + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body)) + "\"";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    }

    private async Task<string> SdkOnce(IdentomatClient client)
    {
        var session = await client.BeginSessionAsync(_flow);
        var result = await client.GetResultAsync(session.Token);
        return result.Status!.Value.Value;
    }

    // What an integrator writes without the SDK: DTOs shaped like the vendor's documentation, reflection serialization,
    // the signature computed and checked by hand. No retries, no logging, no validation.
    private Task<string?> IntegratorOnce() => ByHand(_raw, _begin, _result, Secret);

    /// <summary>
    /// The integrator's code given some of the SDK's features (Program's <c>roundtrip</c> mode): to see what each
    /// costs on loopback.
    /// </summary>
    public Func<Task> IntegratorWith(HandExtras extras) =>
        () => Callers == 1 ? ByHand(_raw, _begin, _result, Secret, extras) : Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => ByHand(_raw, _begin, _result, Secret, extras)));

    /// <summary>The integrator's round trip over any <see cref="HttpClient"/> (also used by the overhead probe).</summary>
    public static async Task<string?> ByHand(HttpClient http, Uri beginAddress, Uri resultAddress, string secret, HandExtras extras = HandExtras.None)
    {
        var begin = new HandBeginRequest
        {
            company_key = FullFlow.CompanyKey,
            steps = [new HandStep { type = "identity-document", key = "identity-document", title = "ID verification" }, new HandStep { type = "liveness", key = "liveness", title = "Liveness" }],
            clientUserId = "user-42",
        };
        var token = JsonSerializer.Deserialize<string>(await HandPostAsync(http, secret, beginAddress, JsonSerializer.SerializeToUtf8Bytes(begin, HandJson), extras), HandJson);
        var result = JsonSerializer.Deserialize<HandResult>(await HandPostAsync(http, secret, resultAddress, JsonSerializer.SerializeToUtf8Bytes(new HandTokenRequest { company_key = FullFlow.CompanyKey, session_token = token! }, HandJson), extras), HandJson);
        return result!.result;
    }

    /// <summary>The integrator's parse of a result answer (reflection into their DTOs), for the overhead probe.</summary>
    public static object ParseByHand(byte[] answer) => JsonSerializer.Deserialize<HandResult>(answer, HandJson)!;

    // Polly as the SDK builds it by default: total timeout, retry, attempt timeout.
    private static readonly ResiliencePipeline<HttpResponseMessage> HandResilience = new ResiliencePipelineBuilder<HttpResponseMessage>()
        .AddTimeout(TimeSpan.FromSeconds(100)).AddRetry(new Polly.Retry.RetryStrategyOptions<HttpResponseMessage>()).AddTimeout(TimeSpan.FromSeconds(30)).Build();

    private static async Task<byte[]> HandPostAsync(HttpClient http, string secret, Uri address, byte[] body, HandExtras extras)
    {
        using var key = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var signature = "signature=\"" + Convert.ToBase64String(key.ComputeHash(body)) + "\"";
        var bounded = (extras & HandExtras.BoundedRead) != 0;
        var completion = bounded ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead;
        using var response = (extras & HandExtras.Resilience) != 0
            ? await HandResilience.ExecuteAsync(static (state, ct) => new ValueTask<HttpResponseMessage>(Send(state.http, state.address, state.body, state.signature, state.completion, ct)), (http, address, body, signature, completion))
            : await Send(http, address, body, signature, completion, CancellationToken.None);
        response.EnsureSuccessStatusCode();
        byte[] answer;
        if (bounded)
        {
            // What the SDK does to cap a hostile body: exactly Content-Length bytes, read from the stream.
            var stream = await response.Content.ReadAsStreamAsync();
            answer = new byte[response.Content.Headers.ContentLength ?? throw new InvalidOperationException("no length")];
            var filled = 0;
            int read;
            while (filled < answer.Length && (read = await stream.ReadAsync(answer.AsMemory(filled))) > 0)
            {
                filled += read;
            }
        }
        else
        {
            answer = await response.Content.ReadAsByteArrayAsync();
        }

        var expected = "signature=\"" + Convert.ToBase64String(key.ComputeHash(answer)) + "\"";
        return response.Headers.TryGetValues("Authorization", out var values) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(values.First()), Encoding.UTF8.GetBytes(expected))
            ? answer
            : throw new InvalidOperationException("bad signature");
    }

    private static async Task<HttpResponseMessage> Send(HttpClient http, Uri address, byte[] body, string signature, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, address) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Authorization", signature);
        return await http.SendAsync(request, completion, cancellationToken);
    }

    private async Task RawOnce()
    {
        using (var begin = await _raw.PostAsync(_begin, new ByteArrayContent(_beginBody)))
        {
            await begin.Content.ReadAsByteArrayAsync();
        }

        using var result = await _raw.PostAsync(_result, new ByteArrayContent(_resultBody));
        await result.Content.ReadAsByteArrayAsync();
    }

    private static readonly JsonSerializerOptions HandJson = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

#pragma warning disable SA1300, IDE1006, CA1812 // The integrator's DTOs, named as the wire names them.
    private sealed class HandBeginRequest
    {
        public string company_key { get; set; } = "";
        public List<HandStep>? steps { get; set; }
        public string? clientUserId { get; set; }
    }

    private sealed class HandStep
    {
        public string type { get; set; } = "";
        public string? key { get; set; }
        public string? title { get; set; }
    }

    private sealed class HandTokenRequest
    {
        public string company_key { get; set; } = "";
        public string session_token { get; set; } = "";
    }

    private sealed class HandResult
    {
        public string? result { get; set; }
        public double? similarity { get; set; }
        public bool? live { get; set; }
        public string? document_type { get; set; }
        public HandRejectReason? reject_reason { get; set; }
        public string? result_comment { get; set; }
        public string? name { get; set; }
        public int? face_images { get; set; }
        public HandPerson? person { get; set; }
        public List<HandGeneralDocument>? generalDocuments { get; set; }
        public HandTechnicalDetails? technicalDetails { get; set; }
        public string? configId { get; set; }
        public List<JsonElement>? questionnaires { get; set; }
        public List<JsonElement>? screeningMatches { get; set; }
    }

    private sealed class HandRejectReason
    {
        public string? value { get; set; }
        public string? description { get; set; }
    }

    private sealed class HandPerson
    {
        public string? first_name { get; set; }
        public string? last_name { get; set; }
        public string? local_first_name { get; set; }
        public string? local_last_name { get; set; }
        public string? local_middle_name { get; set; }
        public string? birthday { get; set; }
        public string? birthday_time { get; set; }
        public int? age { get; set; }
        public string? birth_place { get; set; }
        public string? citizenship { get; set; }
        public string? nationality { get; set; }
        public string? issuing_state { get; set; }
        public string? document_number { get; set; }
        public string? personal_number { get; set; }
        public string? document_issued { get; set; }
        public string? document_expires { get; set; }
        public string? document_expires_time { get; set; }
        public string? authority { get; set; }
        public string? local_authority { get; set; }
        public string? sex { get; set; }
        public string? address { get; set; }
        public string? email { get; set; }
        public string? phone { get; set; }
        public string? mrz { get; set; }
        public string? status { get; set; }
    }

    private sealed class HandGeneralDocument
    {
        public string? documentType { get; set; }
        public string? typeId { get; set; }
        public bool? permanent { get; set; }
        public List<HandPage>? pages { get; set; }
    }

    private sealed class HandPage
    {
        public string? typeId { get; set; }
        public int? pageNumber { get; set; }
        public List<JsonElement>? statuses { get; set; }
        public List<JsonElement>? documentPages { get; set; }
        public JsonElement? final { get; set; }
    }

    private sealed class HandTechnicalDetails
    {
        public string? remoteAddress { get; set; }
        public string? userAgent { get; set; }
        public string? countryCode { get; set; }
    }

#pragma warning restore SA1300, IDE1006, CA1812

    internal sealed class NoOpProvider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new NoOpLogger();

        public void Dispose()
        {
        }

        private sealed class NoOpLogger : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
            }
        }
    }
}

/// <summary>The SDK's features an integrator's hand-written code can be given, one at a time.</summary>
[Flags]
public enum HandExtras
{
    /// <summary>The code as an integrator writes it.</summary>
    None = 0,

    /// <summary>Answers read as a stream, exactly their declared length (the SDK's cap against a huge body).</summary>
    BoundedRead = 1,

    /// <summary>Sent through a Polly pipeline of total timeout, retry and attempt timeout, its token passed on.</summary>
    Resilience = 2,
}
