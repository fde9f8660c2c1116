using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Identomat.Sdk.Serialization;

/// <summary>
/// The SDK's one JSON context: source-generated metadata for every type on the wire, so no serialization goes
/// through reflection. Internal, so its generated members never become public API.
/// </summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Default)]
[JsonSerializable(typeof(SessionRequest))]
internal sealed partial class IdentomatJsonContext : JsonSerializerContext
{
}

/// <summary>
/// Lets <see cref="SessionRequest"/> travel through <see cref="JsonSerializer"/> (and so inside an integrator's own
/// objects) in its exact wire form, without <c>company_key</c>.
/// </summary>
internal sealed class SessionRequestJsonConverter : JsonConverter<SessionRequest>
{
    public override SessionRequest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return SessionRequest.Read(Encoding.UTF8.GetBytes(document.RootElement.GetRawText()));
    }

    public override void Write(Utf8JsonWriter writer, SessionRequest value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.ToUtf8Json(companyKey: null), skipInputValidation: true);
}
