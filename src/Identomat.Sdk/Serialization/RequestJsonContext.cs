namespace Identomat.Sdk.Serialization;

/// <summary>
/// The request side of the wire: source-generated metadata for the session request and every record in it, read
/// strictly (a value of the wrong kind, or a null, is an error naming its path). Results are read leniently by
/// <see cref="ResponseJsonContext"/>: two contexts because the two directions need opposite converters for the same
/// scalar types. Internal, so its generated members never become public API. The records name their own public
/// converters (steps and questions by type, localized text, times, nested objects) so that an application's own
/// serializer writes them in wire form too; this context adds strict scalar values and lists.
/// </summary>
/// <remarks>
/// A step or question type is declared here twice, in this one file: as a <c>JsonSerializable</c> attribute (for its
/// generated metadata) and as a row of <see cref="Steps"/> or <see cref="Questions"/> (for its discriminator and, for a step, its flags).
/// </remarks>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = new[] { typeof(StrictValueConverterFactory), typeof(ValueListConverterFactory) })]
[JsonSerializable(typeof(SessionRequest))]
[JsonSerializable(typeof(UnknownStep))]
[JsonSerializable(typeof(LanguageStep))]
[JsonSerializable(typeof(IdentityDocumentStep))]
[JsonSerializable(typeof(LivenessStep))]
[JsonSerializable(typeof(ProofOfAddressStep))]
[JsonSerializable(typeof(SelfieWithIdStep))]
[JsonSerializable(typeof(VideoCallStep))]
[JsonSerializable(typeof(PhoneNumberStep))]
[JsonSerializable(typeof(EmailStep))]
[JsonSerializable(typeof(GeolocationStep))]
[JsonSerializable(typeof(UserQuestionnaireStep))]
[JsonSerializable(typeof(OperatorQuestionnaireStep))]
[JsonSerializable(typeof(UnknownQuestion))]
[JsonSerializable(typeof(StringQuestion))]
[JsonSerializable(typeof(MultipleChoiceQuestion))]
[JsonSerializable(typeof(OptionsQuestion))]
[JsonSerializable(typeof(DropdownQuestion))]
[JsonSerializable(typeof(FileQuestion))]
[JsonSerializable(typeof(AttachmentQuestion))]
internal sealed partial class RequestJsonContext : JsonSerializerContext
{
    // The registries of the request wire: every step and question type the SDK knows, one row each, which the
    // converters, the validator's warnings and the flow's JSON Schema read. A type missing here is read as unknown, and a
    // test compares these rows with the public API.

    /// <summary>The step types, by their <c>type</c>; any other type reads as <see cref="UnknownStep"/>.</summary>
    public static readonly WireTypeTable<Step> Steps = WireTypeTable<Step>.WithFallback<UnknownStep>(s => s.Type)
        .Add<LanguageStep, LanguageFlags>()
        .Add<IdentityDocumentStep, IdentityDocumentFlags>()
        .Add<LivenessStep, LivenessFlags>()
        .Add<ProofOfAddressStep, ProofOfAddressFlags>()
        .Add<SelfieWithIdStep, SelfieWithIdFlags>()
        .Add<VideoCallStep, VideoCallFlags>()
        .Add<PhoneNumberStep, PhoneNumberFlags>()
        .Add<EmailStep, EmailFlags>()
        .Add<GeolocationStep, GeolocationFlags>()
        .Add<UserQuestionnaireStep>()
        .Add<OperatorQuestionnaireStep>();

    /// <summary>The question types, by their <c>type</c>; any other type reads as <see cref="UnknownQuestion"/>.</summary>
    public static readonly WireTypeTable<Question> Questions = WireTypeTable<Question>.WithFallback<UnknownQuestion>(q => q.Type)
        .Add<StringQuestion>()
        .Add<MultipleChoiceQuestion>()
        .Add<OptionsQuestion>()
        .Add<DropdownQuestion>()
        .Add<FileQuestion>()
        .Add<AttachmentQuestion>();
}
