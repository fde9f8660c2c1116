namespace Identomat.Sdk;

/// <summary>
/// <c>email-one-time-password-request</c>: send <see cref="MessageCallback.Text"/> (holding the code) by email yourself. The address
/// field's name is not documented; <c>email</c>, <c>emailAddress</c> and <c>email_address</c> are read.
/// </summary>
public sealed class EmailOneTimePasswordRequestCallback : MessageCallback
{
    /// <summary>The event type.</summary>
    public const string TypeName = "email-one-time-password-request";

    internal EmailOneTimePasswordRequestCallback(CallbackFields fields, JsonElement raw, string deduplicationKey)
        : base(fields, raw, deduplicationKey)
    {
        Email = fields.AnyEmail;
    }

    /// <summary>The address to send it to.</summary>
    public string? Email { get; }
}
