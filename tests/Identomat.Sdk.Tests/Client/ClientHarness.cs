using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using Identomat.Sdk;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using WireMock.Logging;
using WireMock.Server;

namespace Identomat.Sdk.Tests.Client;

/// <summary>
/// A WireMock server, a client pointed at it, and everything the client emits captured: log lines, activities,
/// metric measurements. Fast retries by default so fault tests do not sleep.
/// </summary>
public sealed class ClientHarness : IDisposable
{
    public const string CompanyKey = "ck_live_7f3a9c2e55d14b0f";
    public const string SecretKey = "sk_hmac_0d9e8f7a6b5c4d3e";
    public const string Token = "47fjq0a8x3kd9w2m5n7b1c4v6z8l0p2r4t6y8hisc";

    private readonly ActivityListener _listener;
    private readonly MeterListener _meters;
    private readonly HttpClient _http;

    public ClientHarness(Action<IdentomatClientOptions>? configure = null, TimeProvider? time = null, HttpClient? httpClient = null)
    {
        Server = WireMockServer.Start();
        Options = new IdentomatClientOptions
        {
            CompanyKey = CompanyKey,
            BaseAddress = new Uri(Server.Url! + "/external-api/"),
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            MaxRetries = 3,
        };
        configure?.Invoke(Options);
        Logs = new FakeLogCollector();
        var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(Logs)));
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Identomat.Sdk",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => Activities.Add(a),
        };
        ActivitySource.AddActivityListener(_listener);
        _meters = new MeterListener { InstrumentPublished = (i, l) => { if (i.Meter.Name == "Identomat.Sdk") { l.EnableMeasurementEvents(i); } } };
        _meters.SetMeasurementEventCallback<double>((i, v, tags, _) => Measurements.Add((i.Name, v, tags.ToArray())));
        _meters.SetMeasurementEventCallback<long>((i, v, tags, _) => Measurements.Add((i.Name, v, tags.ToArray())));
        _meters.Start();
        _http = httpClient ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        Client = new IdentomatClient(_http, Options, loggerFactory, time);
    }

    public WireMockServer Server { get; }

    public IdentomatClientOptions Options { get; }

    public IdentomatClient Client { get; }

    public FakeLogCollector Logs { get; }

    public ConcurrentBag<Activity> Activities { get; } = new();

    public ConcurrentBag<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> Measurements { get; } = new();

    public IReadOnlyList<ILogEntry> Requests(string path) =>
        Server.LogEntries.Where(e => e.RequestMessage!.Path == "/external-api/" + path).ToList();

    /// <summary>WireMock logs a request only when its (possibly delayed) response is sent: wait for them.</summary>
    public int WaitForRequests(string path, int expected, double seconds = 5)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (Requests(path).Count < expected && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        return Requests(path).Count;
    }

    public static string Sign(string body) => "signature=\"" + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(SecretKey), Encoding.UTF8.GetBytes(body))) + "\"";

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", name + ".json"));

    /// <summary>Every text the client emitted: log lines with their state, activities with tags and events, metric tags.</summary>
    public string CapturedTelemetry()
    {
        var text = new StringBuilder();
        foreach (var record in Logs.GetSnapshot())
        {
            text.AppendLine(record.Message).AppendLine(record.Exception?.ToString());
            foreach (var pair in record.StructuredState ?? [])
            {
                text.AppendLine(pair.Key + "=" + pair.Value);
            }
        }

        foreach (var activity in Activities)
        {
            text.AppendLine(activity.DisplayName).AppendLine(activity.StatusDescription);
            foreach (var tag in activity.TagObjects)
            {
                text.AppendLine(tag.Key + "=" + tag.Value);
            }

            foreach (var e in activity.Events)
            {
                text.AppendLine(e.Name);
                foreach (var tag in e.Tags)
                {
                    text.AppendLine(tag.Key + "=" + tag.Value);
                }
            }
        }

        foreach (var (instrument, _, tags) in Measurements)
        {
            text.AppendLine(instrument + " " + string.Join(",", tags.Select(t => t.Key + "=" + t.Value)));
        }

        return text.ToString();
    }

    public void Dispose()
    {
        Client.Dispose();
        _http.Dispose();
        _listener.Dispose();
        _meters.Dispose();
        Server.Stop();
        Server.Dispose();
    }
}
