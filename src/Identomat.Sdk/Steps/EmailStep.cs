namespace Identomat.Sdk;

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
