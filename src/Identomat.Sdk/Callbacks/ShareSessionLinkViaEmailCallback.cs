namespace Identomat.Sdk;

/// <summary>
/// <c>share-session-link-via-email</c>: send the session link by email yourself. The address field's name is not
/// documented; <c>email</c>, <c>emailAddress</c> and <c>email_address</c> are read.
/// </summary>
public sealed class ShareSessionLinkViaEmailCallback : MessageCallback
{
    /// <summary>The event type.</summary>
    public const string TypeName = "share-session-link-via-email";

    internal ShareSessionLinkViaEmailCallback(CallbackFields fields, JsonElement raw, string deduplicationKey)
        : base(fields, raw, deduplicationKey)
    {
        Email = fields.AnyEmail;
        SessionLink = fields.SessionLink;
    }

    /// <summary>The address to send it to.</summary>
    public string? Email { get; }

    /// <summary><c>sessionLink</c>: the link to the session.</summary>
    public string? SessionLink { get; }
}
