using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Identomat.Sdk.Lifecycle.Tests;

/// <summary>
/// A throwaway PostgreSQL cluster for the test run: initialised in a temporary folder, listening on a free loopback
/// port, stopped and removed afterwards. As the <c>postgres</c> user through <c>runuser</c> when the tests run as root
/// (PostgreSQL refuses root); binaries found through <c>pg_config --bindir</c>. Without PostgreSQL the tests that need
/// it are skipped with a message; under <c>CI=true</c> they fail instead.
/// </summary>
[SetUpFixture]
public sealed class PostgresCluster
{
    private static string? _folder;
    private static string? _bin;
    private static bool _asPostgres;
    private static string? _unavailable;

    /// <summary>The cluster's administrative connection string, once started.</summary>
    public static string? AdminConnectionString { get; private set; }

    [OneTimeSetUp]
    public void Start()
    {
        _bin = Run("pg_config", "--bindir", asPostgres: false, out var bindir) == 0 ? bindir.Trim() : null;
        if (_bin is null || !File.Exists(Path.Combine(_bin, "initdb")))
        {
            _unavailable = "PostgreSQL is not installed (pg_config --bindir found no initdb)";
            return;
        }

        _asPostgres = Environment.UserName == "root";
        _folder = Path.Combine(Path.GetTempPath(), "identomat-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_folder);
        if (_asPostgres && Run("chown", $"postgres {_folder}", asPostgres: false, out var chown) != 0)
        {
            _unavailable = "could not give the cluster's folder to the postgres user: " + chown;
            return;
        }

        var port = FreePort();
        var data = Path.Combine(_folder, "data");
        if (Run(Path.Combine(_bin, "initdb"), $"-D {data} -A trust -U postgres --no-sync", _asPostgres, out var init) != 0)
        {
            _unavailable = "initdb failed: " + init;
            return;
        }

        var options = $"-p {port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200";
        if (Run(Path.Combine(_bin, "pg_ctl"), $"-D {data} -o \"{options}\" -l {Path.Combine(_folder, "log")} -w start", _asPostgres, out var start) != 0)
        {
            _unavailable = "pg_ctl start failed: " + start;
            return;
        }

        AdminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
    }

    [OneTimeTearDown]
    public void Stop()
    {
        if (_folder is null)
        {
            return;
        }

        if (AdminConnectionString is not null)
        {
            Run(Path.Combine(_bin!, "pg_ctl"), $"-D {Path.Combine(_folder, "data")} -m immediate stop", _asPostgres, out _);
        }

        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A new empty database on the cluster, or the test is skipped (failed under CI) when there is no cluster.</summary>
    public static string NewDatabase()
    {
        if (AdminConnectionString is null)
        {
            var why = _unavailable ?? "the cluster did not start";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail($"PostgreSQL is required under CI=true: {why}.");
            }

            Assert.Ignore($"Skipped: {why}.");
        }

        var name = "t_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true, MaxPoolSize = 40 }.ConnectionString;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int Run(string file, string arguments, bool asPostgres, out string output)
    {
        var start = asPostgres
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetTempPath();
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            output = stdout.Result + stderr;
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            output = ex.Message;
            return -1;
        }
    }
}
