using System.Text.Encodings.Web;
using System.Text.Json.Serialization.Metadata;

namespace Identomat.Sdk.Serialization;

/// <summary>Writes and reads the request records through <see cref="RequestJsonContext"/>.</summary>
internal static class RequestJson
{
    // Relaxed escaping: the body is application/json for an API, never HTML, so non-ASCII text (Georgian, Russian, …)
    // goes out as UTF-8 rather than \uXXXX escapes: smaller bodies and a faster writer. Control characters and invalid
    // surrogates are still escaped.
    internal static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    /// <summary>The options of the generated metadata.</summary>
    internal static JsonSerializerOptions Options => RequestJsonContext.Default.Options;

    private static JsonTypeInfo<SessionRequest> Request => RequestJsonContext.Default.SessionRequest;

    /// <summary>The request's JSON (not validated here).</summary>
    public static byte[] Write(SessionRequest request) => Write(request, Request);

    /// <summary>A value's JSON, written with <see cref="WriterOptions"/>.</summary>
    public static byte[] Write<T>(T value, JsonTypeInfo<T> info) => Written(writer => JsonSerializer.Serialize(writer, value, info));

    /// <summary>What <paramref name="write"/> writes with <see cref="WriterOptions"/>, as an array of its exact size.</summary>
    public static byte[] Written(Action<Utf8JsonWriter> write)
    {
        // Straight into a growing array where the framework offers one (netstandard2.0's System.Text.Json keeps it internal).
#if NET8_0_OR_GREATER
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
#else
        using var buffer = new MemoryStream();
#endif
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

#if NET8_0_OR_GREATER
        return buffer.WrittenSpan.ToArray();
#else
        return buffer.ToArray();
#endif
    }

    /// <summary>Reads a request from well-formed UTF-8 JSON without duplicate names (the caller checks both first).</summary>
    /// <exception cref="IdentomatValidationException">A value has the wrong kind; the first one, with its path.</exception>
    public static SessionRequest Read(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        if (reader.Read() && reader.TokenType != JsonTokenType.StartObject)
        {
            throw new IdentomatValidationException(new[] { WireReadException.ToValidationError(WireReadException.Expected("an object", reader.TokenType)) });
        }

        try
        {
            // An object (checked above) never reads as null.
            return JsonSerializer.Deserialize(utf8Json, Request)!;
        }
        catch (JsonException ex)
        {
            throw new IdentomatValidationException(new[] { WireReadException.ToValidationError(ex) }, JsonInput.WithoutServerText(ex));
        }
    }

    /// <summary>The converter the options use for <typeparamref name="T"/> (its generated metadata's, or a custom one).</summary>
    public static JsonConverter<T> ConverterOf<T>(JsonSerializerOptions options) => (JsonConverter<T>)options.GetTypeInfo(typeof(T)).Converter;

    /// <summary>The wire names the typed properties of a record that are set will write, in order (from its metadata).</summary>
    public static IEnumerable<string> WrittenNames(WireObject value) =>
        Properties(value.GetType()).Where(p => p.Get!(value) is not null).Select(p => p.Name);

    /// <summary>
    /// The properties of a record type that hold text rather than records (strings, text, open values, URLs, and lists
    /// of strings or open values), found once per type from the metadata: validation reads them on every flow. Flags and
    /// numbers always have a wire form, so they are left out rather than boxed to be looked at.
    /// </summary>
    public static JsonPropertyInfo[] ValuePropertiesOf(Type type) =>
        ValueProperties.GetOrAdd(type, static t => Properties(t).Where(p => !HoldsRecords(p.PropertyType) && !IsNumberOrFlag(p.PropertyType)).ToArray());

    private static bool IsNumberOrFlag(Type type) => (Nullable.GetUnderlyingType(type) ?? type).IsPrimitive;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, JsonPropertyInfo[]> ValueProperties = new();

    private static bool HoldsRecords(Type type) =>
        typeof(WireObject).IsAssignableFrom(type)
        || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)
            && typeof(WireObject).IsAssignableFrom(type.GetGenericArguments()[0]));

    /// <summary>Every typed property of a record type: its wire name and value type, in order (for the JSON Schema).</summary>
    public static IEnumerable<(string Name, Type ValueType)> Fields(Type type) =>
        Properties(type).Select(p => (p.Name, p.PropertyType));

    private static IEnumerable<JsonPropertyInfo> Properties(Type type) =>
        Options.GetTypeInfo(type).Properties.Where(p => !p.IsExtensionData && p.Get is not null); // the ignored AdditionalProperties has no getter
}
