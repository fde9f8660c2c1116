using Identomat.Sdk.Serialization;

namespace Identomat.Sdk;

/// <summary>The phone-number step (<c>phone-number</c>): collect the user's phone number, optionally verified by a one-time code.</summary>
public sealed record PhoneNumberStep : Step<PhoneNumberFlags>
{
    /// <summary>The step's <c>type</c>: <c>phone-number</c>.</summary>
    public const string TypeName = "phone-number";

    /// <summary>The key the server and <see cref="SessionBuilder"/> use when none is given: <c>phone_number</c>.</summary>
    public const string DefaultKey = "phone_number";

    internal static readonly WireShape<PhoneNumberStep> Wire = FlaggedShape(() => new PhoneNumberStep(), PhoneNumberFlags.Codec);

    /// <summary>Creates the step with nothing set.</summary>
    public PhoneNumberStep()
        : base(TypeName, DefaultKey)
    {
    }

    private protected override IWireShape Shape => Wire;
}

/// <summary>Flags of the <see cref="PhoneNumberStep"/>.</summary>
public sealed record PhoneNumberFlags : WireObject
{
    private static readonly WireShape<PhoneNumberFlags> Wire = new WireShape<PhoneNumberFlags>(() => new())
        .Bool("require_phone_number_check", x => x.RequirePhoneNumberCheck, (x, v) => x with { RequirePhoneNumberCheck = v })
        .Bool("require_phone_number", x => x.RequirePhoneNumber, (x, v) => x with { RequirePhoneNumber = v });

    internal static WireCodec<PhoneNumberFlags?> Codec { get; } = Wire.Codec();

    /// <summary><c>require_phone_number_check</c>: verify the number with a one-time code.</summary>
    /// <value>Server default: false.</value>
    public bool? RequirePhoneNumberCheck { get; init; }

    /// <summary><c>require_phone_number</c>: collect the number without verifying it.</summary>
    /// <value>Server default: false.</value>
    public bool? RequirePhoneNumber { get; init; }

    private protected override IWireShape Shape => Wire;
}

/// <summary>The email step (<c>email</c>): collect the user's email address, optionally verified by a one-time code.</summary>
public sealed record EmailStep : Step<EmailFlags>
{
    /// <summary>The step's <c>type</c>: <c>email</c>.</summary>
    public const string TypeName = "email";

    /// <summary>The key the server and <see cref="SessionBuilder"/> use when none is given: <c>require_email</c>.</summary>
    public const string DefaultKey = "require_email";

    internal static readonly WireShape<EmailStep> Wire = FlaggedShape(() => new EmailStep(), EmailFlags.Codec);

    /// <summary>Creates the step with nothing set.</summary>
    public EmailStep()
        : base(TypeName, DefaultKey)
    {
    }

    private protected override IWireShape Shape => Wire;
}

/// <summary>Flags of the <see cref="EmailStep"/>.</summary>
public sealed record EmailFlags : WireObject
{
    private static readonly WireShape<EmailFlags> Wire = new WireShape<EmailFlags>(() => new())
        .Bool("require_email_check", x => x.RequireEmailCheck, (x, v) => x with { RequireEmailCheck = v })
        .Bool("require_email", x => x.RequireEmail, (x, v) => x with { RequireEmail = v });

    internal static WireCodec<EmailFlags?> Codec { get; } = Wire.Codec();

    /// <summary><c>require_email_check</c>: verify the address with a one-time code.</summary>
    /// <value>Server default: false.</value>
    public bool? RequireEmailCheck { get; init; }

    /// <summary><c>require_email</c>: collect the address without verifying it.</summary>
    /// <value>Server default: false.</value>
    public bool? RequireEmail { get; init; }

    private protected override IWireShape Shape => Wire;
}

/// <summary>The geolocation step (<c>geolocation</c>): the browser asks the user to share their location.</summary>
public sealed record GeolocationStep : Step<GeolocationFlags>
{
    /// <summary>The step's <c>type</c>: <c>geolocation</c>.</summary>
    public const string TypeName = "geolocation";

    /// <summary>The key the server and <see cref="SessionBuilder"/> use when none is given: <c>require_geolocation</c>.</summary>
    public const string DefaultKey = "require_geolocation";

    internal static readonly WireShape<GeolocationStep> Wire = FlaggedShape(() => new GeolocationStep(), GeolocationFlags.Codec);

    /// <summary>Creates the step with nothing set.</summary>
    public GeolocationStep()
        : base(TypeName, DefaultKey)
    {
    }

    private protected override IWireShape Shape => Wire;
}

/// <summary>Flags of the <see cref="GeolocationStep"/>.</summary>
public sealed record GeolocationFlags : WireObject
{
    private static readonly WireShape<GeolocationFlags> Wire = new WireShape<GeolocationFlags>(() => new())
        .Bool("require_geolocation", x => x.RequireGeolocation, (x, v) => x with { RequireGeolocation = v });

    internal static WireCodec<GeolocationFlags?> Codec { get; } = Wire.Codec();

    /// <summary><c>require_geolocation</c>: the user must grant location access to go on.</summary>
    /// <value>Server default: <b>true</b>.</value>
    public bool? RequireGeolocation { get; init; }

    private protected override IWireShape Shape => Wire;
}
