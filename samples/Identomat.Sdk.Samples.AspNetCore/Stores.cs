using Identomat.Sdk;
using Microsoft.Data.Sqlite;

/// <summary>
/// Which session belongs to which user, and which callbacks were handled, in the app's database (SQLite here, created
/// on first run). Only the token and its dates are kept: the widget URL is rebuilt from the token
/// (<see cref="IIdentomatClient.GetWidgetUrl"/>), and nothing personal is stored.
/// </summary>
internal sealed class VerificationStore
{
    private readonly string _connectionString;

    public VerificationStore(string connectionString)
    {
        _connectionString = connectionString;
        using var connection = Open();
        using var create = connection.CreateCommand();
        create.CommandText = """
            CREATE TABLE IF NOT EXISTS verifications (
                user_id    TEXT NOT NULL PRIMARY KEY,
                token      TEXT NOT NULL,
                issued_at  TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS handled_callbacks (
                deduplication_key TEXT NOT NULL PRIMARY KEY,
                handled_at        TEXT NOT NULL);
            """;
        create.ExecuteNonQuery();
    }

    /// <summary>The user's current session (a newer one replaces an older one).</summary>
    public void Save(string userId, IdentomatSession session)
    {
        using var connection = Open();
        using var save = connection.CreateCommand();
        save.CommandText = """
            INSERT INTO verifications (user_id, token, issued_at) VALUES ($user, $token, $issued)
            ON CONFLICT (user_id) DO UPDATE SET token = excluded.token, issued_at = excluded.issued_at
            """;
        save.Parameters.AddWithValue("$user", userId);
        save.Parameters.AddWithValue("$token", session.Token);
        save.Parameters.AddWithValue("$issued", session.IssuedAt.ToString("O"));
        save.ExecuteNonQuery();
    }

    /// <summary>The token of the user's current session, or null.</summary>
    public string? TokenOf(string userId)
    {
        using var connection = Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT token FROM verifications WHERE user_id = $user";
        read.Parameters.AddWithValue("$user", userId);
        return read.ExecuteScalar() as string;
    }

    /// <summary>
    /// Records a callback as handled; false when its de-duplication key already was (a delivery again, or a replay). The
    /// primary key makes this hold across requests and instances.
    /// </summary>
    public bool TryMarkHandled(string deduplicationKey)
    {
        using var connection = Open();
        using var mark = connection.CreateCommand();
        mark.CommandText = "INSERT INTO handled_callbacks (deduplication_key, handled_at) VALUES ($key, $at) ON CONFLICT DO NOTHING";
        mark.Parameters.AddWithValue("$key", deduplicationKey);
        mark.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O"));
        return mark.ExecuteNonQuery() == 1;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}

/// <summary>Sends the SMS the vendor asks for (one-time passwords, session links).</summary>
public interface ISmsSender
{
    /// <summary>Sends a text message.</summary>
    Task SendAsync(string phoneNumber, string text, CancellationToken cancellationToken);
}

/// <summary>Stands in for an SMS gateway: logs that a message was queued, never its number or text.</summary>
internal sealed class LoggingSmsSender(ILogger<LoggingSmsSender> log) : ISmsSender
{
    public Task SendAsync(string phoneNumber, string text, CancellationToken cancellationToken)
    {
        log.LogInformation("SMS of {Length} characters queued", text.Length);
        return Task.CompletedTask;
    }
}
