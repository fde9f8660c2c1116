using Identomat.Sdk.Internal;
using Identomat.Sdk.Serialization;

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

    internal static readonly WireShape<VideoCallStep> Wire = FlaggedShape(() => new VideoCallStep(), VideoCallFlags.Codec);

    /// <summary>Creates the step with nothing set.</summary>
    public VideoCallStep()
        : base(TypeName, DefaultKey)
    {
    }

    private protected override IWireShape Shape => Wire;
}

/// <summary>Flags of the <see cref="VideoCallStep"/>, including the steps run during the call.</summary>
public sealed record VideoCallFlags : WireObject
{
    private static readonly WireShape<VideoCallFlags> Wire = new WireShape<VideoCallFlags>(() => new())
        .Add("steps", StepCodec.List, x => x.Steps, (x, v) => x with { Steps = v })
        .Bool("resetSteps", x => x.ResetSteps, (x, v) => x with { ResetSteps = v })
        .Bool("hideCameraOption", x => x.HideCameraOption, (x, v) => x with { HideCameraOption = v })
        .Bool("nameRequired", x => x.NameRequired, (x, v) => x with { NameRequired = v })
        .Bool("multiple_participants", x => x.MultipleParticipants, (x, v) => x with { MultipleParticipants = v });

    private readonly IReadOnlyList<Step>? _steps;

    internal static WireCodec<VideoCallFlags?> Codec { get; } = Wire.Codec();

    /// <summary>
    /// <c>steps</c>: the steps run during the call, in order. Any step type but <c>language</c>,
    /// <c>operator-questionnaire</c> and <c>video-call</c>; keys must be unique across the whole session.
    /// </summary>
    /// <value>Server default: none.</value>
    public IReadOnlyList<Step>? Steps { get => _steps; init => _steps = ValueList<Step>.From(value); }

    /// <summary><c>resetSteps</c>: reset the user's verification data when they rejoin the call.</summary>
    /// <value>Server default: false.</value>
    public bool? ResetSteps { get; init; }

    /// <summary><c>hideCameraOption</c>: hide the camera button, so the user cannot turn the camera off.</summary>
    /// <value>Server default: false.</value>
    public bool? HideCameraOption { get; init; }

    /// <summary><c>nameRequired</c>: the user enters a name before joining.</summary>
    /// <value>Server default: false.</value>
    public bool? NameRequired { get; init; }

    /// <summary>
    /// <c>multiple_participants</c>: a multi-user call (the vendor's page also spells it <c>multiple_participans</c>;
    /// the SDK writes <c>multiple_participants</c>, and the other spelling can be sent through
    /// <see cref="WireObject.AdditionalProperties"/>).
    /// </summary>
    /// <value>Server default: false.</value>
    public bool? MultipleParticipants { get; init; }

    private protected override IWireShape Shape => Wire;
}
