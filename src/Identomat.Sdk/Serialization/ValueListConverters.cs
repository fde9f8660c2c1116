using System.Text.Json.Serialization.Metadata;

namespace Identomat.Sdk.Serialization;

/// <summary>
/// <c>IReadOnlyList&lt;T&gt;</c> properties: read strictly (an array, each item through its own metadata, its index in
/// the path of any problem) into an immutable list with value equality, written as an array. Lists of records and
/// strings are rows here; a list of an open value is made by that value's own converter (no <c>MakeGenericType</c>, so
/// trimming and NativeAOT keep every converter).
/// </summary>
internal sealed class ValueListConverterFactory : JsonConverterFactory
{
    private static readonly Dictionary<Type, JsonConverter> Converters = new()
    {
        [typeof(IReadOnlyList<Step>)] = new ValueListConverter<Step>(),
        [typeof(IReadOnlyList<Question>)] = new ValueListConverter<Question>(),
        [typeof(IReadOnlyList<QuestionOption>)] = new ValueListConverter<QuestionOption>(),
        [typeof(IReadOnlyList<string>)] = new ValueListConverter<string>(),
    };

    public override bool CanConvert(Type typeToConvert) => Converters.ContainsKey(typeToConvert) || ItemOf(typeToConvert) is { } item && OpenValues.Is(item);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        Converters.TryGetValue(typeToConvert, out var converter) ? converter : OpenValues.ConverterOf(ItemOf(typeToConvert)!, options).StrictList();

    private static Type? ItemOf(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : null;
}

/// <summary>One list type of <see cref="ValueListConverterFactory"/>.</summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class ValueListConverter<T> : JsonConverter<IReadOnlyList<T>>
{
    private readonly ConverterCache<T> _item = new();
    private readonly JsonConverter<T>? _strictItem;

    /// <summary>A list whose items are read through their own metadata, or through <paramref name="strictItem"/>.</summary>
    public ValueListConverter(JsonConverter<T>? strictItem = null) => _strictItem = strictItem;

    public override bool HandleNull => true;

    public override IReadOnlyList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw WireReadException.Expected("an array", reader.TokenType);
        }

        var item = options.GetTypeInfo(typeof(T));
        var items = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (item.Kind == JsonTypeInfoKind.Object && reader.TokenType != JsonTokenType.StartObject)
            {
                throw WireReadException.Expected("an object", reader.TokenType, JsonPath.Item(items.Count));
            }

            items.Add(_strictItem is null ? (T)WireReadException.ReadNested(ref reader, item, items.Count)! : ReadItem(ref reader, options, items.Count));
        }

        return ValueList<T>.From(items)!;
    }

    private T ReadItem(ref Utf8JsonReader reader, JsonSerializerOptions options, int index)
    {
        try
        {
            return _strictItem!.Read(ref reader, typeof(T), options)!;
        }
        catch (WireReadException ex)
        {
            throw new WireReadException(ex.Message, JsonPath.Item(index) + ex.Suffix);
        }
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options)
    {
        var item = _item.For(options);
        writer.WriteStartArray();
        for (var i = 0; i < value.Count; i++)
        {
            item.Write(writer, value[i], options);
        }

        writer.WriteEndArray();
    }
}
