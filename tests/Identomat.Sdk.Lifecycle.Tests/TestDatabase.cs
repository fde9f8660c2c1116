using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Identomat.Sdk.Lifecycle.Tests;

public enum Engine
{
    Sqlite,
    PostgreSql,
}

/// <summary>An application's own context, with the lifecycle's tables joined.</summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddIdentomatLifecycle();
}

/// <summary>One database for a test: a temporary SQLite file, or a new database on the throwaway PostgreSQL cluster.</summary>
public sealed class TestDatabase : IDisposable
{
    private readonly string? _file;

    public TestDatabase(Engine engine, bool createSchema = true)
    {
        Engine = engine;
        if (engine == Engine.Sqlite)
        {
            _file = Path.Combine(Path.GetTempPath(), $"identomat-lifecycle-{Guid.NewGuid():N}.db");
            ConnectionString = $"Data Source={_file}";
        }
        else
        {
            ConnectionString = PostgresCluster.NewDatabase();
        }

        if (createSchema)
        {
            using var context = CreateContext();
            context.Database.EnsureCreated();
        }
    }

    public Engine Engine { get; }

    public string ConnectionString { get; }

    public void Configure(DbContextOptionsBuilder options)
    {
        if (Engine == Engine.Sqlite)
        {
            options.UseSqlite(ConnectionString);
        }
        else
        {
            options.UseNpgsql(ConnectionString);
        }
    }

    public AppDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        Configure(options);
        return new AppDbContext(options.Options);
    }

    public void Dispose()
    {
        if (_file is not null)
        {
            SqliteConnection.ClearAllPools();
            File.Delete(_file);
        }
        else
        {
            // Each test's database has its own pool: closed now, so idle connections do not add up to the cluster's limit.
            Npgsql.NpgsqlConnection.ClearAllPools();
        }
    }
}
