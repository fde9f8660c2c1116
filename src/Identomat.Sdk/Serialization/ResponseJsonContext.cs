namespace Identomat.Sdk.Serialization;

/// <summary>
/// The response side of the wire: source-generated metadata for results and the answers the SDK reads (requests are
/// <see cref="RequestJsonContext"/>), so no serialization goes through reflection. Internal, so its generated members
/// never become public API. Reading is tolerant: a number or boolean of the wrong JSON kind, or an empty enum string,
/// reads as null instead of failing the whole result.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = new[]
    {
        typeof(LenientValueConverterFactory), typeof(JsonObjectViewConverter),
    })]

[JsonSerializable(typeof(VerificationResult))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class ResponseJsonContext : JsonSerializerContext
{
}
