using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Identomat.Sdk.Serialization;

/// <summary>
/// The nested object types of the request that <see cref="WireObjectJsonConverterFactory"/> reads strictly: the
/// session's flags and show conditions here, a step's flags from its row in <see cref="WireTypes.Steps"/>. One converter
/// made per type when it is declared (no <c>MakeGenericType</c>, so trimming and NativeAOT keep every converter).
/// </summary>
internal static class NestedObjects
{
    private static readonly ConcurrentDictionary<Type, JsonConverter> Converters = new();

    static NestedObjects()
    {
        Add<SessionFlags>();
        Add<ShowCondition>();
    }

    public static void Add<T>()
        where T : WireObject =>
        Converters.TryAdd(typeof(T), new WireObjectConverter<T>());

    /// <summary>The strict converter of a nested object type, or null for any other type.</summary>
    public static JsonConverter? ConverterOf(Type type)
    {
        // The step table declares the flags types: make sure it has run before the first lookup.
        _ = WireTypes.Steps;
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
