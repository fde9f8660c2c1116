using Identomat.Sdk.Testing;

namespace Identomat.Sdk.Lifecycle.Tests;

/// <summary>What every lifecycle test starts from: a fresh database of its engine, the in-process fake, no recorded calls.</summary>
public abstract class LifecycleFixture(Engine engine)
{
    private TestDatabase? _database;
    private IdentomatFakeServer? _fake;

    protected Engine Engine { get; } = engine;

    protected TestDatabase Database => _database ?? throw new InvalidOperationException("Set up first.");

    protected IdentomatFakeServer Fake => _fake ?? throw new InvalidOperationException("Set up first.");

    [SetUp]
    public void CreateDatabaseAndFake()
    {
        RecordingHandler.Reset();
        _database = new TestDatabase(Engine);
        _fake = IdentomatFakeServer.StartInProcess();
    }

    [TearDown]
    public void DisposeDatabaseAndFake()
    {
        _fake?.Dispose();
        _database?.Dispose();
    }
}
