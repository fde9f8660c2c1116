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
