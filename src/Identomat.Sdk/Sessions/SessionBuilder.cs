namespace Identomat.Sdk;

/// <summary>
/// Builds a <see cref="SessionRequest"/> fluently, in the order the user meets the steps. Steps get their type's
/// default key and title; <see cref="Build"/> validates the whole flow. The records it builds can also be made by
/// hand: the builder is a convenience, never the only way in.
/// </summary>
/// <example>
/// <code>
/// SessionRequest request = new SessionBuilder()
///     .Language(LanguageCode.English)
///     .ReturnTo(new Uri("https://example.com/kyc/done"))
///     .ForClientUser("user-42")
///     .AddIdentityDocument(f =&gt; f with { DocumentTypes = [DocumentType.Passport, DocumentType.Id] })
///     .AddLiveness()
///     .Build();
/// </code>
/// </example>
public sealed class SessionBuilder : StepListBuilder<SessionBuilder>
{
    private readonly List<Func<SessionRequest, SessionRequest>> _configure = new();
    private SessionFlags? _flags;
    private string? _clientUserId;
    private string? _name;
    private string? _configId;
    private string? _parentSessionId;
    private string? _groupId;
    private DateTimeOffset? _start;
    private DateTimeOffset? _end;

    /// <summary>
    /// Sets the session flags through a delegate that receives the flags so far, e.g. <c>f =&gt; f with { SkipDesktop = true }</c>.
    /// What this builder's own methods set (<see cref="Language"/>, <see cref="ReturnTo"/>) is put back when the new
    /// flags leave it null, as question delegates get their key, title and options back: from F#, which cannot copy a
    /// record with <c>with</c>, <c>fun _ -&gt; SessionFlags(SkipDesktop = true)</c> keeps the language and return URL.
    /// </summary>
    /// <param name="configure">Returns the new flags.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">The delegate returned null.</exception>
    public SessionBuilder Flags(Func<SessionFlags, SessionFlags> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);

        var before = _flags ?? new SessionFlags();
        var flags = configure(before) ?? throw new InvalidOperationException("The flags delegate returned null.");
        _flags = flags with { Language = flags.Language ?? before.Language, ReturnUrl = flags.ReturnUrl ?? before.ReturnUrl };
        return this;
    }

    /// <summary>Sets the interface language (<c>flags.language</c>).</summary>
    /// <param name="language">The language code.</param>
    /// <returns>This builder.</returns>
    public SessionBuilder Language(LanguageCode language) => Flags(f => f with { Language = language });

    /// <summary>Sets where the user is sent when the flow ends (<c>flags.return_url</c>); without it the session is meant for an iframe.</summary>
    /// <param name="returnUrl">An absolute http or https URL.</param>
    /// <returns>This builder.</returns>
    public SessionBuilder ReturnTo(Uri returnUrl) => Flags(f => f with { ReturnUrl = returnUrl ?? throw new ArgumentNullException(nameof(returnUrl)) });

    /// <summary>Links the session to your own user id (<c>clientUserId</c>).</summary>
    /// <param name="clientUserId">Your identifier of the user.</param>
    /// <returns>This builder.</returns>
    public SessionBuilder ForClientUser(string clientUserId) => Set(ref _clientUserId, clientUserId);

    /// <summary>Labels the session in the dashboard until the user is verified (<c>name</c>).</summary>
    /// <param name="name">The label.</param>
    /// <returns>This builder.</returns>
    public SessionBuilder Named(string name) => Set(ref _name, name);

    /// <summary>Starts from a flow saved in the vendor dashboard (<c>config_id</c>); added steps override its matching steps.</summary>
    /// <param name="configId">The saved configuration's id.</param>
    /// <returns>This builder.</returns>
    public SessionBuilder UsingConfiguration(string configId) => Set(ref _configId, configId);

    /// <summary>Creates the session as a child of another (<c>parent_session_id</c>), for multi-participant video calls.</summary>
    /// <param name="parentSessionId">The parent session's id.</param>
    /// <returns>This builder.</returns>
    public SessionBuilder ChildOf(string parentSessionId) => Set(ref _parentSessionId, parentSessionId);

    /// <summary>Restricts the video call to a group of operators (<c>groupId</c>).</summary>
    /// <param name="groupId">The operator group.</param>
    /// <returns>This builder.</returns>
    public SessionBuilder ForOperatorGroup(string groupId) => Set(ref _groupId, groupId);

    /// <summary>Limits when the session can be used (<c>scheduleStartTime</c>, <c>scheduleEndTime</c>); either bound may be null.</summary>
    /// <param name="start">Not usable before this time.</param>
    /// <param name="end">Not usable after this time; later than <paramref name="start"/>.</param>
    /// <returns>This builder.</returns>
    public SessionBuilder Schedule(DateTimeOffset? start, DateTimeOffset? end)
    {
        _start = start;
        _end = end;
        return this;
    }

    /// <summary>
    /// Changes the built request through a delegate, e.g. to set raw <see cref="WireObject.AdditionalProperties"/>.
    /// Applied at <see cref="Build"/>, after everything else, in the order given.
    /// </summary>
    /// <param name="configure">Returns the new request.</param>
    /// <returns>This builder.</returns>
    public SessionBuilder Configure(Func<SessionRequest, SessionRequest> configure)
    {
        _configure.Add(configure ?? throw new ArgumentNullException(nameof(configure)));
        return this;
    }

    /// <summary>Adds a language-choice step (<c>language</c>).</summary>
    /// <param name="languages">The languages offered; all the server supports when empty.</param>
    /// <returns>This builder.</returns>
    public SessionBuilder AddLanguageSelection(params LanguageCode[] languages) =>
        Add(new LanguageStep
        {
            Key = LanguageStep.DefaultKey,
            Title = LanguageStep.DefaultTitle,
            Flags = languages is { Length: > 0 } ? new LanguageFlags { Languages = languages } : null,
        });

    /// <summary>Adds a video call with an operator (<c>video-call</c>), with the steps run during the call.</summary>
    /// <param name="call">Adds the call's steps and sets its flags.</param>
    /// <param name="key">The step key; <see cref="VideoCallStep.DefaultKey"/> when null.</param>
    /// <param name="title">The step title; <see cref="VideoCallStep.DefaultTitle"/> when null.</param>
    /// <returns>This builder.</returns>
    public SessionBuilder AddVideoCall(Action<VideoCallBuilder> call, string? key = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(call);

        var builder = new VideoCallBuilder();
        call(builder);
        return Add(new VideoCallStep { Key = key ?? VideoCallStep.DefaultKey, Title = title ?? VideoCallStep.DefaultTitle, Flags = builder.BuildFlags() });
    }

    /// <summary>Adds an operator questionnaire (<c>operator-questionnaire</c>), filled in by the operator.</summary>
    /// <param name="key">The step key (questionnaires have no default key).</param>
    /// <param name="title">The questionnaire's title; a plain string is English.</param>
    /// <param name="questions">Adds the questions.</param>
    /// <returns>This builder.</returns>
    public SessionBuilder AddOperatorQuestionnaire(string key, LocalizedText title, Action<OperatorQuestionnaireBuilder> questions)
    {
        ArgumentNullException.ThrowIfNull(questions);

        var builder = new OperatorQuestionnaireBuilder();
        questions(builder);
        return Add(builder.Build(key, title));
    }

    /// <summary>Builds and validates the request.</summary>
    /// <returns>The request, ready for the client.</returns>
    /// <exception cref="IdentomatValidationException">The flow breaks an invariant of the wire format; every problem is listed with its JSON path.</exception>
    public SessionRequest Build()
    {
        var request = Compose();
        var errors = request.Validate();
        return errors.Count > 0 ? throw new IdentomatValidationException(errors) : request;
    }

    /// <summary>The request as built so far, not validated.</summary>
    internal SessionRequest Compose()
    {
        var request = new SessionRequest
        {
            Flags = _flags,
            Steps = AddedSteps.Count > 0 ? AddedSteps : null,
            ConfigId = _configId,
            ParentSessionId = _parentSessionId,
            Name = _name,
            ClientUserId = _clientUserId,
            GroupId = _groupId,
            ScheduleStartTime = _start,
            ScheduleEndTime = _end,
        };
        foreach (var configure in _configure)
        {
            request = configure(request);
        }

        return request;
    }

    private SessionBuilder Set(ref string? field, string value)
    {
        field = value;
        return this;
    }
}

/// <summary>Adds the steps run during a video call and sets the call's flags; see <see cref="SessionBuilder.AddVideoCall"/>.</summary>
public sealed class VideoCallBuilder : StepListBuilder<VideoCallBuilder>
{
    private VideoCallFlags _flags = new();

    internal VideoCallBuilder()
    {
    }

    /// <summary>Resets the user's verification data when they rejoin the call (<c>resetSteps</c>).</summary>
    /// <param name="value">The flag's value.</param>
    /// <returns>This builder.</returns>
    public VideoCallBuilder ResetStepsOnRejoin(bool value = true) => Set(_flags with { ResetSteps = value });

    /// <summary>Hides the camera button so the user cannot turn the camera off (<c>hideCameraOption</c>).</summary>
    /// <param name="value">The flag's value.</param>
    /// <returns>This builder.</returns>
    public VideoCallBuilder HideCameraOption(bool value = true) => Set(_flags with { HideCameraOption = value });

    /// <summary>Makes the user enter a name before joining (<c>nameRequired</c>).</summary>
    /// <param name="value">The flag's value.</param>
    /// <returns>This builder.</returns>
    public VideoCallBuilder RequireName(bool value = true) => Set(_flags with { NameRequired = value });

    /// <summary>Makes it a multi-user call (<c>multiple_participants</c>).</summary>
    /// <param name="value">The flag's value.</param>
    /// <returns>This builder.</returns>
    public VideoCallBuilder AllowMultipleParticipants(bool value = true) => Set(_flags with { MultipleParticipants = value });

    internal VideoCallFlags? BuildFlags()
    {
        var flags = AddedSteps.Count > 0 ? _flags with { Steps = AddedSteps } : _flags;
        return flags == new VideoCallFlags() ? null : flags;
    }

    private VideoCallBuilder Set(VideoCallFlags flags)
    {
        _flags = flags;
        return this;
    }
}
