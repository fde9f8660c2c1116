namespace Identomat.Sdk.Serialization;

/// <summary>
/// A problem met while reading a request, raised by the wire converters. A converter that hands part of the value to
/// a nested <see cref="JsonSerializer"/> call (a step to its type's generated metadata, a list item, a flags object)
/// gets back an exception whose <see cref="JsonException.Path"/> is relative to that nested call; it wraps it in this
/// exception with its own step of the path (<c>[2]</c>, <c>.type</c>, nothing), and the serializer gives the wrapper
/// the path up to the converter. <see cref="ToValidationError"/> joins the pieces into the path from the root.
/// </summary>
/// <remarks>
/// Hand-written because System.Text.Json 8 has no public way to continue the caller's read state in a nested call, so
/// a nested call's paths always start again at <c>$</c>.
/// </remarks>
internal sealed class WireReadException : JsonException
{
    public WireReadException(string message, string suffix = "")
        : base(message) => Suffix = suffix;

    public WireReadException(JsonException inner, string suffix)
        : base(inner.Message, inner) => Suffix = suffix;

    /// <summary>The converter's own step of the path, after the path the serializer gives this exception.</summary>
    public string Suffix { get; }

    /// <summary>An exception for a value of the wrong JSON kind: <c>expected a string, found a number</c>.</summary>
    public static WireReadException Expected(string what, JsonTokenType found, string suffix = "") =>
        new($"expected {what}, found {Describe(found)}", suffix);

    /// <summary>Reads a value through a nested serializer call, keeping the path of any problem inside it.</summary>
    /// <param name="reader">The reader, at the value.</param>
    /// <param name="info">The value's metadata.</param>
    /// <param name="index">The value's index in its list, or -1 for a value that is not a list item.</param>
    public static object? ReadNested(ref Utf8JsonReader reader, System.Text.Json.Serialization.Metadata.JsonTypeInfo info, int index = -1)
    {
        try
        {
            return JsonSerializer.Deserialize(ref reader, info);
        }
        catch (JsonException ex)
        {
            throw new WireReadException(ex, index < 0 ? string.Empty : JsonPath.Item(index));
        }
    }

    /// <summary>The problem as the SDK reports it: the path from the root (without <c>$.</c>) and the innermost message.</summary>
    public static ValidationError ToValidationError(JsonException exception)
    {
        var path = new System.Text.StringBuilder();
        var message = string.Empty;
        for (Exception? current = exception; current is JsonException json; current = current.InnerException)
        {
            path.Append(json.Path is { Length: > 0 } p && p[0] == '$' ? p.Substring(1) : json.Path);
            path.Append((json as WireReadException)?.Suffix);
            message = json is WireReadException ? json.Message : Plain(json.Message);
        }

        return new ValidationError(JsonPath.FromRoot(path.ToString()), message);
    }

    private static string Describe(JsonTokenType kind) => kind switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => "nothing",
    };

    // A message of the serializer itself ends with its own "Path: … | LineNumber: …" suffix: the SDK reports the path
    // on its own, so the suffix goes. Such messages name .NET types, never input values.
    private static string Plain(string message)
    {
        var at = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return "the value has the wrong JSON kind (" + (at < 0 ? message : message.Substring(0, at)) + ")";
    }
}
