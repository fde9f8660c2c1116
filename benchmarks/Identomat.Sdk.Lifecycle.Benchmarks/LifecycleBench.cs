using Identomat.Sdk.Lifecycle.Tests;
using Identomat.Sdk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Identomat.Sdk.Lifecycle.Benchmarks;

public enum Engine
{
    Sqlite,
    PostgreSql,
}

/// <summary>An application's context with the lifecycle's tables.</summary>
public sealed class BenchDbContext(DbContextOptions<BenchDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddIdentomatLifecycle();
}

/// <summary>
/// One application's services on a fresh database (a SQLite file, or a database on the throwaway PostgreSQL cluster
/// the process starts once), the client on the in-process fake, no hosted services running: the benchmarks drive them.
/// </summary>
public sealed class LifecycleBench : IDisposable
{
    private static readonly Lazy<ThrowawayPostgres> Cluster = new(() =>
    {
        var cluster = ThrowawayPostgres.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Dispose();
        return cluster;
    });

    private readonly string? _file;

    public LifecycleBench(Engine engine, Action<IdentomatLifecycleOptions>? configure = null)
    {
        Fake = IdentomatFakeServer.StartInProcess();
        string connection;
        if (engine == Engine.Sqlite)
        {
            _file = Path.Combine(Path.GetTempPath(), $"identomat-bench-{Guid.NewGuid():N}.db");
            connection = $"Data Source={_file}";
        }
        else
        {
            connection = Cluster.Value.AdminConnectionString is null
                ? throw new InvalidOperationException("PostgreSQL is needed: " + Cluster.Value.Unavailable)
                : Cluster.Value.NewDatabase();
        }

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddDbContext<BenchDbContext>(options =>
        {
            if (engine == Engine.Sqlite)
            {
                options.UseSqlite(connection);
            }
            else
            {
                options.UseNpgsql(connection);
            }
        });
        services.AddIdentomat(options => options.CallbackApiKeys = [Fake.CallbackApiKey]).UseIdentomatFake(Fake);
        var lifecycle = services.AddIdentomatLifecycle<BenchDbContext>(options =>
        {
            options.InstanceName = "bench";
            options.SweepConcurrency = 4;
            configure?.Invoke(options);
        });
        _ = engine == Engine.Sqlite ? lifecycle.UseSqlite() : lifecycle.UsePostgreSql();
        lifecycle.AddCallbackHandler<OneTimePasswordRequestCallback, NoOpHandler>();
        Services = services.BuildServiceProvider();
        using var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<BenchDbContext>().Database.EnsureCreated();
    }

    public IdentomatFakeServer Fake { get; }

    public ServiceProvider Services { get; }

    public void Dispose()
    {
        Services.Dispose();
        Fake.Dispose();
        if (_file is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(_file);
        }
    }

    private sealed class NoOpHandler : IIdentomatCallbackHandler<OneTimePasswordRequestCallback>
    {
        public Task HandleAsync(OneTimePasswordRequestCallback callback, IdentomatCallbackContext context, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
