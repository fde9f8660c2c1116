namespace Identomat.Sdk;

/// <summary>
/// <c>one-time-password-request</c>: send <see cref="MessageCallback.Text"/> (holding the code) by SMS to
/// <see cref="PhoneNumber"/> yourself.
/// </summary>
public sealed class OneTimePasswordRequestCallback : MessageCallback
{
    /// <summary>The event type.</summary>
    public const string TypeName = "one-time-password-request";

    internal OneTimePasswordRequestCallback(CallbackFields fields, JsonElement raw, string deduplicationKey)
        : base(fields, raw, deduplicationKey)
    {
        PhoneNumber = fields.PhoneNumber;
    }

    /// <summary><c>phoneNumber</c>: where to send it.</summary>
    public string? PhoneNumber { get; }
}
