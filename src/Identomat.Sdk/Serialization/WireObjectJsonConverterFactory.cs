using System.Text.Json;
using System.Text.Json.Serialization;
using Identomat.Sdk.Serialization;

namespace Identomat.Sdk;

/// <summary>
/// Reads the request's nested objects (the <c>flags</c> of the session and of every step, a question's
/// <c>showConditions</c>) strictly, for any <see cref="JsonSerializer"/>: an object through the record's own metadata,
/// never a null or a value of another kind (the built-in reading accepts null and names a .NET type for a wrong kind).
/// The properties that hold one name it.
/// </summary>
public sealed class WireObjectJsonConverterFactory : JsonConverterFactory
{
    /// <inheritdoc />
    public override bool CanConvert(Type typeToConvert) => NestedObjects.ConverterOf(typeToConvert) is not null;

    /// <inheritdoc />
    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        NestedObjects.ConverterOf(typeToConvert) ?? throw new NotSupportedException($"{typeToConvert.Name} is not a nested object of the request.");
}
