using Microsoft.AspNetCore.Http;

namespace Identomat.Sdk.Lifecycle;

/// <summary>
/// The inbox endpoint's work: read the body (bounded), authenticate it with the first account whose callback key
/// matches, store the payload without its key under its de-duplication key, and answer 200 only once the row is
/// committed. Refusals answer 401, 400 or 413 with no body; a database failure answers 503 so the sender delivers again.
/// </summary>
internal sealed class CallbackInbox(LifecycleDatabase database, LifecycleRegistration registration, InboxSignal signal, IServiceProvider services, ILogger<CallbackInbox> logger)
{
    public async Task AcceptAsync(HttpContext http)
    {
        var outcome = await StoreAsync(http).ConfigureAwait(false);
        LifecycleMetrics.Received.Add(1, new KeyValuePair<string, object?>("identomat.inbox.outcome", outcome.Name));
        http.Response.StatusCode = outcome.Status;
        http.Response.ContentLength = 0;
    }

    private async Task<(int Status, string Name)> StoreAsync(HttpContext http)
    {
        if (http.Request.ContentLength > IdentomatCallbackParser.MaxBodyBytes)
        {
            return (StatusCodes.Status413PayloadTooLarge, "refused");
        }

        byte[] body;
        try
        {
            body = await ReadBoundedAsync(http.Request.Body, http.RequestAborted).ConfigureAwait(false) ?? [];
        }
        catch (IOException)
        {
            return (StatusCodes.Status400BadRequest, "refused");   // the sender went away mid-body
        }

        if (body.Length > IdentomatCallbackParser.MaxBodyBytes)
        {
            return (StatusCodes.Status413PayloadTooLarge, "refused");
        }

        IdentomatCallback? callback = null;
        var account = string.Empty;
        foreach (var name in registration.Accounts)
        {
            try
            {
                callback = services.GetRequiredKeyedService<IdentomatCallbackParser>(name).Parse(body);
                account = name;
                break;
            }
            catch (IdentomatCallbackException ex) when (ex.Error == IdentomatCallbackError.WrongKey)
            {
                // Another account's key, perhaps: try the next one.
            }
            catch (IdentomatCallbackException ex)
            {
                return (ex.StatusCode, "refused");
            }
        }

        if (callback is null)
        {
            return (StatusCodes.Status401Unauthorized, "refused");
        }

        var row = new IdentomatInboxMessage
        {
            DeduplicationKey = callback.DeduplicationKey,
            Account = account,
            Type = LifecycleDatabase.Token(callback.Type) ?? string.Empty,
            // Joined to verifications by equality only: anything but a plain token (a NUL, which PostgreSQL text
            // refuses; an address) cannot be a session token, and is not kept.
            SessionId = callback.SessionId is { } session && LifecycleDatabase.IsPlain(session, 128) ? session : null,
            Payload = callback.Raw.GetRawText(),
            State = InboxState.Pending,
            ReceivedAt = DateTime.UtcNow,   // this instance's clock, for people; claims and schedules use the database's
            NextAttemptAt = DateTime.UnixEpoch,   // due at once, whatever the instances' clocks say
        };
        try
        {
            // False when stored already, by this or another instance: durable, so 200 all the same.
            var stored = await database.RunAsync((context, _) => LifecycleDatabase.TryInsertAsync(context, row, http.RequestAborted)).ConfigureAwait(false);
            if (stored)
            {
                signal.Wake();
            }

            return (StatusCodes.Status200OK, stored ? "stored" : "duplicate");
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException or TimeoutException or OperationCanceledException && !http.RequestAborted.IsCancellationRequested)
        {
            LifecycleLog.StoreFailed(logger, ex);
            return (StatusCodes.Status503ServiceUnavailable, "unavailable");
        }
    }

    /// <summary>The body, or one byte more than the limit when it is larger (then it is not read further).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > IdentomatCallbackParser.MaxBodyBytes)
            {
                break;
            }
        }

        return buffer.ToArray();
    }
}
