namespace Identomat.Sdk.Lifecycle.Tests;

/// <summary>
/// One throwaway PostgreSQL cluster for the test run (<see cref="ThrowawayPostgres"/>). Without PostgreSQL the tests
/// that need it are skipped with a message; under <c>CI=true</c> they fail instead.
/// </summary>
[SetUpFixture]
public sealed class PostgresCluster
{
    private static ThrowawayPostgres? _cluster;

    [OneTimeSetUp]
    public void Start() => _cluster = ThrowawayPostgres.Start();

    [OneTimeTearDown]
    public void Stop() => _cluster?.Dispose();

    /// <summary>A new empty database on the cluster, or the test is skipped (failed under CI) when there is no cluster.</summary>
    public static string NewDatabase()
    {
        if (_cluster?.AdminConnectionString is null)
        {
            var why = _cluster?.Unavailable ?? "the cluster did not start";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail($"PostgreSQL is required under CI=true: {why}.");
            }

            Assert.Ignore($"Skipped: {why}.");
        }

        return _cluster.NewDatabase();
    }
}
