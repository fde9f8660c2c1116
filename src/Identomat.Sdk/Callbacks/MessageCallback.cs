namespace Identomat.Sdk;

/// <summary>
/// A callback asking you to deliver a message yourself (a one-time password, a session link): every known callback
/// type is one. <see cref="Text"/> is the message, ready to send.
/// </summary>
public abstract class MessageCallback : IdentomatCallback
{
    private protected MessageCallback(CallbackFields fields, JsonElement raw, string deduplicationKey)
        : base(fields, raw, deduplicationKey) =>
        Text = fields.Text;

    /// <summary><c>text</c>: the message to send.</summary>
    public string? Text { get; }
}
