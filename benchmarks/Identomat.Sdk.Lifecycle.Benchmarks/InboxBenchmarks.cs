using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Identomat.Sdk.Lifecycle.Benchmarks;

/// <summary>
/// The inbox's accept path (read, authenticate, parse, insert, 200) against a bare insert of the same row through the
/// same context: the guard is 1.3×. And 32 concurrent deliveries against handling 32 stored callbacks, per callback:
/// processing keeps up when handling costs no more than accepting.
/// </summary>
[MemoryDiagnoser]
public class InboxBenchmarks
{
    private LifecycleBench _bench = null!;
    private CallbackInbox _inbox = null!;
    private InboxProcessor _processor = null!;
    private int _next;

    [Params(Engine.Sqlite, Engine.PostgreSql)]
    public Engine Engine { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _bench = new LifecycleBench(Engine);
        _inbox = _bench.Services.GetRequiredService<CallbackInbox>();
        _processor = _bench.Services.GetRequiredService<InboxProcessor>();
    }

    [GlobalCleanup]
    public void Cleanup() => _bench.Dispose();

    private string NextBody() => _bench.Fake.CreateCallbackBody(
        "one-time-password-request", "session", new Dictionary<string, string> { ["phoneNumber"] = "+995555000000", ["text"] = "Code " + Interlocked.Increment(ref _next) });

    [Benchmark(Baseline = true, Description = "bare insert of the row")]
    public async Task BareInsert()
    {
        var key = Interlocked.Increment(ref _next).ToString("x64", System.Globalization.CultureInfo.InvariantCulture);
        await using var scope = _bench.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
        context.Add(new IdentomatInboxMessage
        {
            DeduplicationKey = key,
            Type = "one-time-password-request",
            SessionId = "session",
            Payload = "{\"type\":\"one-time-password-request\",\"sessionId\":\"session\",\"phoneNumber\":\"+995555000000\",\"text\":\"Code 1\"}",
            ReceivedAt = DateTime.UtcNow,
            NextAttemptAt = DateTime.UnixEpoch,
        });
        await context.SaveChangesAsync();
    }

    [Benchmark(Description = "inbox accept (authenticate + insert + 200)")]
    public async Task Accept()
    {
        var http = new DefaultHttpContext();
        http.Request.Body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(NextBody()));
        await _inbox.AcceptAsync(http);
        if (http.Response.StatusCode != 200)
        {
            throw new InvalidOperationException("refused: " + http.Response.StatusCode);
        }
    }

    [Benchmark(OperationsPerInvoke = 32, Description = "32 concurrent deliveries, per callback")]
    public Task Accept32Concurrent() => Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Accept()));

    [Benchmark(OperationsPerInvoke = 32, Description = "handling 32 stored callbacks, per callback")]
    public async Task Handle32()
    {
        await Accept32Concurrent();
        while (await _processor.ProcessDueAsync(CancellationToken.None) > 0)
        {
        }
    }
}
