using Microsoft.Extensions.Logging;
using Polly;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Identomat.Sdk.Benchmarks;

/// <summary>The SDK's own cost per call, without a network: both clients talk to a canned in-memory handler.</summary>
public static class OverheadProbe
{
    public static async Task Run()
    {
        var result = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "result.approved-with-proof-of-address.json"));
        var token = Encoding.UTF8.GetBytes("\"47fjq0a8x3kd9w2m5n7b1c4v6z8l0p2r4t6y8hisc\"");
        var handler = new Canned(token, result);
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var client = new IdentomatClient(http, new IdentomatClientOptions { CompanyKey = "ck", SecretKey = "sk", BaseAddress = new Uri("https://x/external-api/") });
        var flow = new SessionBuilder().AddIdentityDocument().AddLiveness().Build();
        var body = Identomat.Sdk.Http.RequestBody.Begin(flow, "ck");

        // Begin + result, the SDK against the integrator's hand-written code (RoundTripBenchmarks.ByHand) over the same
        // canned handler: the CPU each spends per round trip. Then the SDK observed (logging, an activity listener).
        var sameFlow = new SessionBuilder().AddIdentityDocument().AddLiveness().ForClientUser("user-42").Build();
        var begin = new Uri("https://x/external-api/begin/");
        var resultAddress = new Uri("https://x/external-api/result/");
        for (var round = 0; round < 3; round++)
        {
            await Measure("sdk trip", async () => await client.GetResultAsync((await client.BeginSessionAsync(sameFlow)).Token));
            await Measure("by hand trip", () => RoundTripBenchmarks.ByHand(http, begin, resultAddress, "sk"));
        }

        await Measure("sdk begin", () => client.BeginSessionAsync(flow));
        using var unsigned = new IdentomatClient(http, new IdentomatClientOptions { CompanyKey = "ck", BaseAddress = new Uri("https://x/external-api/"), MaxRetries = 0 });
        await Measure("begin nosign0", () => unsigned.BeginSessionAsync(flow));
        using var signed0 = new IdentomatClient(http, new IdentomatClientOptions { CompanyKey = "ck", SecretKey = "sk", BaseAddress = new Uri("https://x/external-api/"), MaxRetries = 0 });
        await Measure("begin sign0", () => signed0.BeginSessionAsync(flow));
        using var unsigned3 = new IdentomatClient(http, new IdentomatClientOptions { CompanyKey = "ck", BaseAddress = new Uri("https://x/external-api/"), MaxRetries = 3 });
        await Measure("begin nosign3", () => unsigned3.BeginSessionAsync(flow));
        await Measure("sdk begin", () => client.BeginSessionAsync(flow));
        await Measure("sdk result", () => client.GetResultAsync("tok"));
        await Measure("raw post", async () => { using var r = await http.PostAsync("https://x/external-api/begin/", new ByteArrayContent(body)); await r.Content.ReadAsByteArrayAsync(); });
        await Measure("parse result", () => Task.FromResult(VerificationResult.Read(result)));
        await Measure("parse by hand", () => Task.FromResult(RoundTripBenchmarks.ParseByHand(result)));
        using var answer = new HttpResponseMessage(HttpStatusCode.OK);
        answer.Headers.TryAddWithoutValidation("Authorization", "signature=\"" + Convert.ToBase64String(new byte[32]) + "\"");
        answer.Headers.TryAddWithoutValidation("Server", "Kestrel");
        answer.Headers.TryAddWithoutValidation("Date", "Sat, 28 Nov 2026 03:40:00 GMT");
        string[] requestIdNames = ["X-Request-Id", "Request-Id", "X-Correlation-Id", "X-Amzn-RequestId", "X-Amz-Cf-Id", "CF-Ray"];
        await Measure("request id", () => Task.FromResult(Identomat.Sdk.Http.ResponseHeaders.RequestIdHeaderOf(answer)));
        await Measure("id by 6 names", () => Task.FromResult(requestIdNames.Any(n => answer.Headers.TryGetValues(n, out _))));
        await Measure("hmac", () => Task.FromResult(HMACSHA256.HashData(Encoding.UTF8.GetBytes("sk"), result)));
        await Measure("widget url", () => Task.FromResult(client.GetWidgetUrl("47fjq0a8x3kd9w2m5n7b1c4v6z8l0p2r4t6y8hisc")));
        await Measure("serialize", () => Task.FromResult(Identomat.Sdk.Http.RequestBody.Begin(flow, "ck")));
        var signer = new Identomat.Sdk.Http.RequestSigner("sk");
        await Measure("sign", () => Task.FromResult(signer.HeaderValue(body)));
        var pipeline = new Polly.ResiliencePipelineBuilder().AddTimeout(TimeSpan.FromSeconds(100)).AddRetry(new Polly.Retry.RetryStrategyOptions()).AddTimeout(TimeSpan.FromSeconds(30)).Build();
        await Measure("polly", () => pipeline.ExecuteAsync(static _ => ValueTask.CompletedTask).AsTask());

        using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(new RoundTripBenchmarks.NoOpProvider()));
        using var observed = new IdentomatClient(http, new IdentomatClientOptions { CompanyKey = "ck", SecretKey = "sk", BaseAddress = new Uri("https://x/external-api/") }, loggers);
        using var listener = new ActivityListener { ShouldListenTo = s => s.Name == IdentomatTelemetry.ActivitySourceName, Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded };
        ActivitySource.AddActivityListener(listener);
        await Measure("sdk observed", async () => await observed.GetResultAsync((await observed.BeginSessionAsync(sameFlow)).Token));
    }

    private static async Task Measure(string name, Func<Task> action)
    {
        for (var i = 0; i < 20000; i++)
        {
            await action();
        }

        var bytes = GC.GetTotalAllocatedBytes(true);
        var clock = Stopwatch.StartNew();
        const int n = 50000;
        for (var i = 0; i < n; i++)
        {
            await action();
        }

        Console.WriteLine($"{name,-14} {clock.Elapsed.TotalMicroseconds / n,8:F2} us {(GC.GetTotalAllocatedBytes(true) - bytes) / (double)n,8:F0} B");
    }

    private sealed class Canned(byte[] token, byte[] result) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.RequestUri!.AbsolutePath.EndsWith("begin/", StringComparison.Ordinal) ? token : result;
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) };
            response.Content.Headers.ContentType = new("application/json");
            response.Headers.TryAddWithoutValidation("Authorization", "signature=\"" + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes("sk"), body)) + "\"");
            return Task.FromResult(response);
        }
    }
}
