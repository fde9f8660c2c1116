using System.Text.Json.Serialization;
using Identomat.Sdk.Serialization;

namespace Identomat.Sdk;

/// <summary>The phone-number step (<c>phone-number</c>): collect the user's phone number, optionally verified by a one-time code.</summary>
public sealed record PhoneNumberStep : Step<PhoneNumberFlags>
{
    /// <summary>The step's <c>type</c>: <c>phone-number</c>.</summary>
    public const string TypeName = "phone-number";

    /// <summary>The key the server and <see cref="SessionBuilder"/> use when none is given: <c>phone_number</c>.</summary>
    public const string DefaultKey = "phone_number";

    /// <summary>Creates the step with nothing set.</summary>
    public PhoneNumberStep()
        : base(TypeName, DefaultKey)
    {
    }
}

/// <summary>Flags of the <see cref="PhoneNumberStep"/>.</summary>
public sealed record PhoneNumberFlags : WireObject
{

    /// <summary><c>require_phone_number_check</c>: verify the number with a one-time code.</summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName("require_phone_number_check"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? RequirePhoneNumberCheck { get; init; }

    /// <summary><c>require_phone_number</c>: collect the number without verifying it.</summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName("require_phone_number"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? RequirePhoneNumber { get; init; }
}

/// <summary>The email step (<c>email</c>): collect the user's email address, optionally verified by a one-time code.</summary>
public sealed record EmailStep : Step<EmailFlags>
{
    /// <summary>The step's <c>type</c>: <c>email</c>.</summary>
    public const string TypeName = "email";

    /// <summary>The key the server and <see cref="SessionBuilder"/> use when none is given: <c>require_email</c>.</summary>
    public const string DefaultKey = "require_email";

    /// <summary>Creates the step with nothing set.</summary>
    public EmailStep()
        : base(TypeName, DefaultKey)
    {
    }
}

/// <summary>Flags of the <see cref="EmailStep"/>.</summary>
public sealed record EmailFlags : WireObject
{

    /// <summary><c>require_email_check</c>: verify the address with a one-time code.</summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName("require_email_check"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? RequireEmailCheck { get; init; }

    /// <summary><c>require_email</c>: collect the address without verifying it.</summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName("require_email"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? RequireEmail { get; init; }
}

/// <summary>The geolocation step (<c>geolocation</c>): the browser asks the user to share their location.</summary>
public sealed record GeolocationStep : Step<GeolocationFlags>
{
    /// <summary>The step's <c>type</c>: <c>geolocation</c>.</summary>
    public const string TypeName = "geolocation";

    /// <summary>The key the server and <see cref="SessionBuilder"/> use when none is given: <c>require_geolocation</c>.</summary>
    public const string DefaultKey = "require_geolocation";

    /// <summary>Creates the step with nothing set.</summary>
    public GeolocationStep()
        : base(TypeName, DefaultKey)
    {
    }
}

/// <summary>Flags of the <see cref="GeolocationStep"/>.</summary>
public sealed record GeolocationFlags : WireObject
{

    /// <summary><c>require_geolocation</c>: the user must grant location access to go on.</summary>
    /// <value>Server default: <b>true</b>.</value>
    [JsonPropertyName("require_geolocation"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? RequireGeolocation { get; init; }
}
