namespace Identomat.Sdk;

/// <summary>The liveness step (<c>liveness</c>): proves the user is physically present, passively or actively.</summary>
public sealed record LivenessStep : Step<LivenessFlags>
{
    /// <summary>The step's <c>type</c>: <c>liveness</c>.</summary>
    public const string TypeName = "liveness";

    /// <summary>The key the server and <see cref="SessionBuilder"/> use when none is given: <c>liveness</c>.</summary>
    public const string DefaultKey = "liveness";

    /// <summary>The title <see cref="SessionBuilder"/> writes when none is given: <c>Liveness</c>.</summary>
    public const string DefaultTitle = "Liveness";

    /// <summary>Creates the step with nothing set.</summary>
    public LivenessStep()
        : base(TypeName, DefaultKey)
    {
    }
}

/// <summary>Flags of the <see cref="LivenessStep"/>.</summary>
public sealed record LivenessFlags : WireObject
{

    /// <summary>
    /// <c>liveness</c>: true for active liveness (the user performs actions), false for passive (a short video in an oval).
    /// </summary>
    /// <value>Server default: false (passive).</value>
    [JsonPropertyName("liveness"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? ActiveLiveness { get; init; }

    /// <summary>
    /// <c>allow_face_upload</c>: let the user upload a selfie instead of using the camera. Only meaningful for passive
    /// liveness: setting it together with <see cref="ActiveLiveness"/> true is a validation error.
    /// </summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName(WireNames.AllowFaceUpload), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? AllowFaceUpload { get; init; }

    /// <summary><c>optional_continue_on_another_device</c>: let the user switch to another device for this step.</summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName("optional_continue_on_another_device"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? OptionalContinueOnAnotherDevice { get; init; }
}
