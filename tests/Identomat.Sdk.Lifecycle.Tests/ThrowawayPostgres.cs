using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Identomat.Sdk.Lifecycle.Tests;

/// <summary>
/// A throwaway PostgreSQL cluster: initialised in a temporary folder, listening on a free loopback port, stopped and
/// removed on dispose. As the <c>postgres</c> user through <c>runuser</c> when running as root (PostgreSQL refuses
/// root); binaries found through <c>pg_config --bindir</c>. For the tests and the benchmarks.
/// </summary>
public sealed class ThrowawayPostgres : IDisposable
{
    private readonly string? _folder;
    private readonly string? _bin;
    private readonly bool _asPostgres;

    private ThrowawayPostgres(string? folder, string? bin, bool asPostgres, string? connectionString, string? unavailable)
    {
        _folder = folder;
        _bin = bin;
        _asPostgres = asPostgres;
        AdminConnectionString = connectionString;
        Unavailable = unavailable;
    }

    /// <summary>The administrative connection string; null when the cluster could not start (see <see cref="Unavailable"/>).</summary>
    public string? AdminConnectionString { get; }

    /// <summary>Why there is no cluster.</summary>
    public string? Unavailable { get; }

    public static ThrowawayPostgres Start()
    {
        var bin = Run("pg_config", "--bindir", asPostgres: false, out var bindir) == 0 ? bindir.Trim() : null;
        if (bin is null || !File.Exists(Path.Combine(bin, "initdb")))
        {
            return new ThrowawayPostgres(null, null, false, null, "PostgreSQL is not installed (pg_config --bindir found no initdb)");
        }

        var asPostgres = Environment.UserName == "root";
        var folder = Path.Combine(Path.GetTempPath(), "identomat-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        if (asPostgres && Run("chown", $"postgres {folder}", asPostgres: false, out var chown) != 0)
        {
            return new ThrowawayPostgres(folder, bin, asPostgres, null, "could not give the cluster's folder to the postgres user: " + chown);
        }

        var data = Path.Combine(folder, "data");
        if (Run(Path.Combine(bin, "initdb"), $"-D {data} -A trust -U postgres --no-sync", asPostgres, out var init) != 0)
        {
            return new ThrowawayPostgres(folder, bin, asPostgres, null, "initdb failed: " + init);
        }

        var port = FreePort();
        var options = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200";
        return Run(Path.Combine(bin, "pg_ctl"), $"-D {data} -o \"{options}\" -l {Path.Combine(folder, "log")} -w start", asPostgres, out var start) != 0
            ? new ThrowawayPostgres(folder, bin, asPostgres, null, "pg_ctl start failed: " + start)
            : new ThrowawayPostgres(folder, bin, asPostgres, $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false", null);
    }

    /// <summary>A new empty database on the cluster.</summary>
    public string NewDatabase()
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(AdminConnectionString ?? throw new InvalidOperationException(Unavailable)))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true, MaxPoolSize = 40 }.ConnectionString;
    }

    public void Dispose()
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int Run(string file, string arguments, bool asPostgres, out string output)
    {
        var start = asPostgres ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}") : new ProcessStartInfo(file, arguments);
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
