using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Identomat.Sdk.Lifecycle.Benchmarks;

/// <summary>
/// One sweeper cycle over every pending row (each read once, a page at a time): time should grow linearly with the
/// rows and the allocation per row stay flat. The smoke run's size is 1,000 rows; <see cref="SweeperLargeBenchmarks"/>
/// (category Large, left out of CI) measures 10,000 and 100,000 by hand.
/// </summary>
[MemoryDiagnoser]
public class SweeperBenchmarks
{
    private LifecycleBench _bench = null!;
    private Sweeper _sweeper = null!;

    [Params(Engine.Sqlite, Engine.PostgreSql)]
    public Engine Engine { get; set; }

    public virtual int Rows { get; set; } = 1000;

    [GlobalSetup]
    public void Setup()
    {
        _bench = new LifecycleBench(Engine);
        _sweeper = _bench.Services.GetRequiredService<Sweeper>();
        using var scope = _bench.Services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
        var now = DateTime.UtcNow;
        for (var start = 0; start < Rows; start += 5000)
        {
            for (var i = start; i < Math.Min(Rows, start + 5000); i++)
            {
                // Tokens the fake does not know: each read is a "not found" answer, the cheapest the vendor gives.
                context.Add(new IdentomatVerification
                {
                    Id = Guid.NewGuid(), UserId = "user-" + i, ActiveUserId = "user-" + i, SessionToken = "token-" + i, State = VerificationState.InProgress,
                    CreatedAt = now, UpdatedAt = now, ExpiresAt = now.AddDays(365), NextSweepAt = now.AddDays(-1),
                });
            }

            context.SaveChanges();
            context.ChangeTracker.Clear();
        }
    }

    [IterationSetup]
    public void MakeDue()
    {
        using var scope = _bench.Services.CreateScope();
        var past = DateTime.UtcNow.AddDays(-1);
        scope.ServiceProvider.GetRequiredService<BenchDbContext>().Set<IdentomatVerification>()
            .ExecuteUpdate(set => set.SetProperty(v => v.NextSweepAt, past).SetProperty(v => v.Sweeps, 0));
    }

    [GlobalCleanup]
    public void Cleanup() => _bench.Dispose();

    [Benchmark(Description = "one sweep cycle over every pending row")]
    public async Task Sweep()
    {
        var read = await _sweeper.RunOnceAsync(CancellationToken.None);
        if (read != Rows)
        {
            throw new InvalidOperationException($"swept {read} of {Rows}");
        }
    }
}

/// <summary>The sweeper at 10,000 and 100,000 rows: by hand (<c>--anyCategories Large</c>), not in CI's smoke run.</summary>
[BenchmarkCategory("Large")]
public class SweeperLargeBenchmarks : SweeperBenchmarks
{
    [Params(10_000, 100_000)]
    public override int Rows { get; set; }
}
