namespace Identomat.Sdk;

/// <summary>
/// A started session: its token, where to send the user, and when it was issued. Travels through any
/// <see cref="System.Text.Json.JsonSerializer"/> as <c>{"token", "widgetUrl", "issuedAt"}</c>, whatever the naming policy.
/// </summary>
public sealed class IdentomatSession
{
    /// <summary>Creates a session handle.</summary>
    /// <param name="token">The session token.</param>
    /// <param name="widgetUrl">The widget URL for this session.</param>
    /// <param name="issuedAt">When the token was received.</param>
    [JsonConstructor]
    public IdentomatSession(string token, Uri widgetUrl, DateTimeOffset issuedAt)
    {
        Token = token ?? throw new ArgumentNullException(nameof(token));
        WidgetUrl = widgetUrl ?? throw new ArgumentNullException(nameof(widgetUrl));
        IssuedAt = issuedAt;
    }

    /// <summary>The session token: pass it to <see cref="IIdentomatClient.GetResultAsync"/> and the other operations.</summary>
    [JsonPropertyName("token")]
    public string Token { get; }

    /// <summary>
    /// The end-user widget for this session (<c>…/?session_token=…</c>): redirect the user here, or load it in an iframe
    /// with <c>allow="camera; microphone"</c> (the widget posts <c>"DONE"</c> to the parent window when the flow ends).
    /// </summary>
    [JsonPropertyName("widgetUrl")]
    public Uri WidgetUrl { get; }

    /// <summary>How long the vendor documents a session token to be valid by default, for the user to start: 15 minutes.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(15);

    /// <summary>When the client received the token. By default a token is valid for 15 minutes for the user to start.</summary>
    [JsonPropertyName("issuedAt")]
    public DateTimeOffset IssuedAt { get; }

    /// <summary>
    /// When the token stops being valid for the user to start the flow: <see cref="IssuedAt"/> plus the vendor's
    /// documented default lifetime (<see cref="DefaultLifetime"/>, 15 minutes), or <see cref="DateTimeOffset.MaxValue"/>
    /// when that is later than the calendar holds. An account configured otherwise at the vendor differs; a flow
    /// started before this time may take longer to finish.
    /// </summary>
    [JsonIgnore]
    public DateTimeOffset ExpiresAt
    {
        get
        {
            try
            {
                return IssuedAt + DefaultLifetime;
            }
            catch (ArgumentOutOfRangeException)
            {
                // A clock near the end of the calendar (year 9999, in UTC or in the offset's own time).
                return DateTimeOffset.MaxValue;
            }
        }
    }

    /// <summary>The issue time and a masked token.</summary>
    public override string ToString() => $"IdentomatSession {{ Token = {Mask(Token)}, IssuedAt = {IssuedAt:O} }}";

    /// <summary>At most a sixth of a long token (to tell sessions apart in logs), nothing of a short one.</summary>
    internal static string Mask(string token) => token.Length < 24 ? "***" : token.Substring(0, 4) + "…";
}
