using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Identomat.Sdk.Http;
using Identomat.Sdk.Internal;

namespace Identomat.Sdk.Serialization;

/// <summary>
/// The request side of the wire: source-generated metadata for the session request and every record in it, read
/// strictly (a value of the wrong kind, or a null, is an error naming its path). Results are read leniently by
/// <see cref="ResponseJsonContext"/>: two contexts because the two directions need opposite converters for the same
/// scalar types. Internal, so its generated members never become public API.
/// </summary>
/// <remarks>
/// Measured (FlowBenchmarks): writing with the framework's own scalar converters instead of the strict ones, through a
/// second set of options, was no faster; one set of options serves both directions.
/// </remarks>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = new[] { typeof(StrictValueConverterFactory), typeof(ValueListConverterFactory) })]

[JsonSerializable(typeof(SessionRequest))]
[JsonSerializable(typeof(CredentialBody))]
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
[JsonSerializable(typeof(LanguageCode))]
[JsonSerializable(typeof(DocumentType))]
[JsonSerializable(typeof(GeneralDocumentType))]
[JsonSerializable(typeof(FileType))]
internal sealed partial class RequestJsonContext : JsonSerializerContext
{
}
