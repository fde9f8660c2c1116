using System.Collections.Concurrent;

namespace Identomat.Sdk;

/// <summary>
/// Reads the request's nested objects (the <c>flags</c> of the session and of every step, a question's
/// <c>showConditions</c>) strictly, for any <see cref="JsonSerializer"/>: an object through the record's own metadata,
/// never a null or a value of another kind (the built-in reading accepts null and names a .NET type for a wrong kind).
/// The properties that hold one name it.
/// </summary>
public sealed class WireObjectJsonConverterFactory : JsonConverterFactory
{
    // The session's flags and show conditions here, a step's flags from its row in RequestJsonContext.Steps. One converter made
    // per type when it is declared (no MakeGenericType, so trimming and NativeAOT keep every converter).
    private static readonly ConcurrentDictionary<Type, JsonConverter> Converters = new();

    static WireObjectJsonConverterFactory()
    {
        Add<SessionFlags>();
        Add<ShowCondition>();
    }

    /// <inheritdoc />
    public override bool CanConvert(Type typeToConvert) => ConverterOf(typeToConvert) is not null;

    /// <inheritdoc />
    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        ConverterOf(typeToConvert) ?? throw new NotSupportedException($"{typeToConvert.Name} is not a nested object of the request.");

    internal static void Add<T>()
        where T : WireObject =>
        Converters.TryAdd(typeof(T), new WireObjectConverter<T>());

    private static JsonConverter? ConverterOf(Type type)
    {
        // The step table declares the flags types: make sure it has run before the first lookup.
        _ = RequestJsonContext.Steps;
        return Converters.TryGetValue(type, out var converter) ? converter : null;
    }

    private sealed class WireObjectConverter<T> : JsonConverter<T>
        where T : WireObject
    {
        private readonly ConverterCache<T> _converter = new();

        public override bool HandleNull => true;

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.StartObject
                ? (T)WireReadException.ReadNested(ref reader, options.GetTypeInfo(typeof(T)))!
                : throw WireReadException.Expected("an object", reader.TokenType);

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            _converter.For(options).Write(writer, value, options);
    }
}
