namespace Identomat.Sdk.Callbacks;

/// <summary>
/// The named fields of a callback payload, read leniently: a field of another kind than string reads as null. The
/// address field's name is not documented, so three spellings are read.
/// </summary>
internal sealed class CallbackFields
{
    /// <summary>The fields of a payload (an object).</summary>
    public static CallbackFields Of(JsonElement payload) => new()
    {
        Type = StringOf(payload, "type"),
        SessionId = StringOf(payload, "sessionId"),
        Text = StringOf(payload, "text"),
        PhoneNumber = StringOf(payload, "phoneNumber"),
        SessionLink = StringOf(payload, "sessionLink"),
        Email = StringOf(payload, "email"),
        EmailAddress = StringOf(payload, "emailAddress"),
        EmailAddressSnakeCase = StringOf(payload, "email_address"),
    };

    public string? Type { get; init; }

    public string? SessionId { get; init; }

    public string? Text { get; init; }

    public string? PhoneNumber { get; init; }

    public string? SessionLink { get; init; }

    public string? Email { get; init; }

    public string? EmailAddress { get; init; }

    public string? EmailAddressSnakeCase { get; init; }

    /// <summary>The address under the first of its spellings that is present.</summary>
    public string? AnyEmail => Email ?? EmailAddress ?? EmailAddressSnakeCase;

    private static string? StringOf(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
