namespace Identomat.Sdk;

/// <summary><c>share-session-link-via-sms</c>: send <see cref="MessageCallback.Text"/> with the session link by SMS yourself.</summary>
public sealed class ShareSessionLinkViaSmsCallback : MessageCallback
{
    /// <summary>The event type.</summary>
    public const string TypeName = "share-session-link-via-sms";

    internal ShareSessionLinkViaSmsCallback(CallbackFields fields, JsonElement raw, string deduplicationKey)
        : base(fields, raw, deduplicationKey)
    {
        PhoneNumber = fields.PhoneNumber;
        SessionLink = fields.SessionLink;
    }

    /// <summary><c>phoneNumber</c>: where to send it.</summary>
    public string? PhoneNumber { get; }

    /// <summary><c>sessionLink</c>: the link to the session.</summary>
    public string? SessionLink { get; }
}
