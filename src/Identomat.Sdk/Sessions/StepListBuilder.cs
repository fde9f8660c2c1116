namespace Identomat.Sdk;

/// <summary>
/// The step-adding half of <see cref="SessionBuilder"/>, shared with <see cref="VideoCallBuilder"/>: the steps
/// allowed both in a session and inside a video call. Each step gets its type's default key and title unless given
/// others; a flags delegate receives empty flags and returns the ones to send (use a <c>with</c> expression).
/// </summary>
/// <typeparam name="TSelf">The concrete builder, returned for chaining.</typeparam>
public abstract class StepListBuilder<TSelf>
    where TSelf : StepListBuilder<TSelf>
{
    private readonly List<Step> _steps = new();

    private protected StepListBuilder()
    {
    }

    /// <summary>The steps added so far, in order.</summary>
    private protected IReadOnlyList<Step> AddedSteps => _steps;

    /// <summary>Adds a step record as it is: the way in for a step built by hand or an <see cref="UnknownStep"/>.</summary>
    /// <param name="step">The step.</param>
    /// <returns>This builder.</returns>
    public TSelf Add(Step step)
    {
        _steps.Add(step ?? throw new ArgumentNullException(nameof(step)));
        return (TSelf)this;
    }

    /// <summary>Adds an identity-document step (<c>identity-document</c>).</summary>
    /// <param name="flags">Sets the step's flags, e.g. <c>f =&gt; f with { AllowDocumentUpload = true }</c>; none when null.</param>
    /// <param name="key">The step key; <see cref="IdentityDocumentStep.DefaultKey"/> when null.</param>
    /// <param name="title">The step title; <see cref="IdentityDocumentStep.DefaultTitle"/> when null.</param>
    /// <returns>This builder.</returns>
    public TSelf AddIdentityDocument(Func<IdentityDocumentFlags, IdentityDocumentFlags>? flags = null, string? key = null, string? title = null) =>
        AddFlagged<IdentityDocumentStep, IdentityDocumentFlags>(flags, key ?? IdentityDocumentStep.DefaultKey, title ?? IdentityDocumentStep.DefaultTitle);

    /// <summary>Adds a liveness step (<c>liveness</c>), passive unless the flags say <c>ActiveLiveness = true</c>.</summary>
    /// <param name="flags">Sets the step's flags; none when null.</param>
    /// <param name="key">The step key; <see cref="LivenessStep.DefaultKey"/> when null.</param>
    /// <param name="title">The step title; <see cref="LivenessStep.DefaultTitle"/> when null.</param>
    /// <returns>This builder.</returns>
    public TSelf AddLiveness(Func<LivenessFlags, LivenessFlags>? flags = null, string? key = null, string? title = null) =>
        AddFlagged<LivenessStep, LivenessFlags>(flags, key ?? LivenessStep.DefaultKey, title ?? LivenessStep.DefaultTitle);

    /// <summary>Adds a proof-of-address step (<c>general-document</c>).</summary>
    /// <param name="flags">Sets the step's flags; none when null.</param>
    /// <param name="key">The step key; <see cref="ProofOfAddressStep.DefaultKey"/> when null.</param>
    /// <param name="title">The step title; <see cref="ProofOfAddressStep.DefaultTitle"/> when null.</param>
    /// <returns>This builder.</returns>
    public TSelf AddProofOfAddress(Func<ProofOfAddressFlags, ProofOfAddressFlags>? flags = null, string? key = null, string? title = null) =>
        AddFlagged<ProofOfAddressStep, ProofOfAddressFlags>(flags, key ?? ProofOfAddressStep.DefaultKey, title ?? ProofOfAddressStep.DefaultTitle);

    /// <summary>Adds a selfie-with-ID step (<c>face-document</c>).</summary>
    /// <param name="flags">Sets the step's flags; none when null.</param>
    /// <param name="key">The step key; <see cref="SelfieWithIdStep.DefaultKey"/> when null.</param>
    /// <param name="title">The step title; <see cref="SelfieWithIdStep.DefaultTitle"/> when null.</param>
    /// <returns>This builder.</returns>
    public TSelf AddSelfieWithId(Func<SelfieWithIdFlags, SelfieWithIdFlags>? flags = null, string? key = null, string? title = null) =>
        AddFlagged<SelfieWithIdStep, SelfieWithIdFlags>(flags, key ?? SelfieWithIdStep.DefaultKey, title ?? SelfieWithIdStep.DefaultTitle);

    /// <summary>Adds a phone-number step (<c>phone-number</c>). It has no default title.</summary>
    /// <param name="flags">Sets the step's flags, e.g. <c>f =&gt; f with { RequirePhoneNumberCheck = true }</c>; none when null.</param>
    /// <param name="key">The step key; <see cref="PhoneNumberStep.DefaultKey"/> when null.</param>
    /// <param name="title">The step title; none when null.</param>
    /// <returns>This builder.</returns>
    public TSelf AddPhoneNumber(Func<PhoneNumberFlags, PhoneNumberFlags>? flags = null, string? key = null, string? title = null) =>
        AddFlagged<PhoneNumberStep, PhoneNumberFlags>(flags, key ?? PhoneNumberStep.DefaultKey, title);

    /// <summary>Adds an email step (<c>email</c>). It has no default title.</summary>
    /// <param name="flags">Sets the step's flags; none when null.</param>
    /// <param name="key">The step key; <see cref="EmailStep.DefaultKey"/> when null.</param>
    /// <param name="title">The step title; none when null.</param>
    /// <returns>This builder.</returns>
    public TSelf AddEmail(Func<EmailFlags, EmailFlags>? flags = null, string? key = null, string? title = null) =>
        AddFlagged<EmailStep, EmailFlags>(flags, key ?? EmailStep.DefaultKey, title);

    /// <summary>Adds a geolocation step (<c>geolocation</c>). It has no default title; location is required unless the flags say otherwise.</summary>
    /// <param name="flags">Sets the step's flags; none when null.</param>
    /// <param name="key">The step key; <see cref="GeolocationStep.DefaultKey"/> when null.</param>
    /// <param name="title">The step title; none when null.</param>
    /// <returns>This builder.</returns>
    public TSelf AddGeolocation(Func<GeolocationFlags, GeolocationFlags>? flags = null, string? key = null, string? title = null) =>
        AddFlagged<GeolocationStep, GeolocationFlags>(flags, key ?? GeolocationStep.DefaultKey, title);

    /// <summary>Adds a user questionnaire (<c>user-questionnaire</c>).</summary>
    /// <param name="key">The step key (questionnaires have no default key).</param>
    /// <param name="title">The questionnaire's title; a plain string is English.</param>
    /// <param name="questions">Adds the questions and the other texts.</param>
    /// <returns>This builder.</returns>
    /// <example>
    /// <code>
    /// var flow = new SessionBuilder().AddUserQuestionnaire("about_you", "About you", q =&gt; q
    ///     .AddText("occupation", "Occupation", x =&gt; x with { Mandatory = true })
    ///     .AddSingleChoice("pep", "Are you a politically exposed person?", [new("pep_yes", "Yes"), new("pep_no", "No")]))
    ///     .Build();
    /// </code>
    /// </example>
    public TSelf AddUserQuestionnaire(string key, LocalizedText title, Action<UserQuestionnaireBuilder> questions)
    {
        ArgumentNullException.ThrowIfNull(questions);

        var builder = new UserQuestionnaireBuilder();
        questions(builder);
        return Add(builder.Build(key, title));
    }

    private TSelf AddFlagged<TStep, TFlags>(Func<TFlags, TFlags>? configure, string key, string? title)
        where TStep : Step<TFlags>, new()
        where TFlags : WireObject, new()
    {
        var flags = configure?.Invoke(Empty<TFlags>.Instance);
        return Add(new TStep { Key = key, Title = title, Flags = flags is null || flags.Equals(Empty<TFlags>.Instance) ? null : flags });
    }

    /// <summary>One empty flags record per type: the starting point of every flags delegate, and what "nothing set" means.</summary>
    private static class Empty<TFlags>
        where TFlags : WireObject, new()
    {
        public static readonly TFlags Instance = new();
    }
}
