using System.Collections.Concurrent;
using Identomat.Sdk;

/// <summary>Which session belongs to which user. A real application keeps this in its database.</summary>
internal sealed class VerificationStore
{
    private readonly ConcurrentDictionary<string, IdentomatSession> _sessions = new(StringComparer.Ordinal);

    public void Save(string userId, IdentomatSession session) => _sessions[userId] = session;

    public IdentomatSession? SessionOf(string userId) => _sessions.TryGetValue(userId, out var session) ? session : null;
}

/// <summary>The de-duplication keys of the callbacks handled. A real application keeps them in its database, unique.</summary>
internal sealed class HandledCallbacks
{
    private readonly ConcurrentDictionary<string, byte> _keys = new(StringComparer.Ordinal);

    public bool TryAdd(string deduplicationKey) => _keys.TryAdd(deduplicationKey, 0);
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
