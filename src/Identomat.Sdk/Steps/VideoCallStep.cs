namespace Identomat.Sdk;

/// <summary>
/// The video-call step (<c>video-call</c>): the user talks to an operator, who may run other steps during the call
/// (<see cref="VideoCallFlags.Steps"/>).
/// </summary>
public sealed record VideoCallStep : Step<VideoCallFlags>
{
    /// <summary>The step's <c>type</c>: <c>video-call</c>.</summary>
    public const string TypeName = "video-call";

    /// <summary>The key the server and <see cref="SessionBuilder"/> use when none is given: <c>video-call</c>.</summary>
    public const string DefaultKey = "video-call";

    /// <summary>The title <see cref="SessionBuilder"/> writes when none is given: <c>Video call</c>.</summary>
    public const string DefaultTitle = "Video call";

    /// <summary>Creates the step with nothing set.</summary>
    public VideoCallStep()
        : base(TypeName, DefaultKey)
    {
    }
}

/// <summary>Flags of the <see cref="VideoCallStep"/>, including the steps run during the call.</summary>
public sealed record VideoCallFlags : WireObject
{

    private readonly IReadOnlyList<Step>? _steps;

    /// <summary>
    /// <c>steps</c>: the steps run during the call, in order. Any step type but <c>language</c>,
    /// <c>operator-questionnaire</c> and <c>video-call</c>; keys must be unique across the whole session.
    /// </summary>
    /// <value>Server default: none.</value>
    [JsonPropertyName(WireNames.Steps), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Step>? Steps { get => _steps; init => _steps = ValueList<Step>.From(value); }

    /// <summary><c>resetSteps</c>: reset the user's verification data when they rejoin the call.</summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName("resetSteps"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? ResetSteps { get; init; }

    /// <summary><c>hideCameraOption</c>: hide the camera button, so the user cannot turn the camera off.</summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName("hideCameraOption"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? HideCameraOption { get; init; }

    /// <summary><c>nameRequired</c>: the user enters a name before joining.</summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName("nameRequired"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? NameRequired { get; init; }

    /// <summary>
    /// <c>multiple_participants</c>: a multi-user call (the vendor's page also spells it <c>multiple_participans</c>;
    /// the SDK writes <c>multiple_participants</c>, and the other spelling can be sent through
    /// <see cref="WireObject.AdditionalProperties"/>).
    /// </summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName("multiple_participants"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? MultipleParticipants { get; init; }
}
