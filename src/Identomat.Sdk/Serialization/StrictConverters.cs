using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Identomat.Sdk.Internal;

namespace Identomat.Sdk.Serialization;

// The converters the request wire needs beyond the generated metadata. Each exists because System.Text.Json 8 has
// no declarative way to say it: strict reading with the SDK's messages (a wrong kind or a null is an error naming the
// expected kind, where the built-in converters accept null and name .NET types), the discriminated step and question
// lists with unknown types kept whole, localized text (an object or a bare string), the UTC date format, and immutable
// lists with value equality. Everything else (names, order, omission of unset values, unknown properties) is declared
// on the records and written and read by the generated code.

/// <summary>
/// Strict scalar values of the request: <c>bool</c>, whole numbers, strings, URLs and the open values. A null or a
/// value of another kind is an error (the SDK does not silently drop what it cannot keep), with the expected kind.
/// </summary>
internal sealed class StrictValueConverterFactory : JsonConverterFactory
{
    private static readonly Dictionary<Type, JsonConverter> Converters = new()
    {
        [typeof(bool?)] = new Strict<bool?>("true or false", (ref Utf8JsonReader r) => r.TokenType is JsonTokenType.True or JsonTokenType.False ? r.GetBoolean() : null, (w, v) => w.WriteBooleanValue(v!.Value)),
        [typeof(int?)] = new Strict<int?>("a whole number", (ref Utf8JsonReader r) => r.TokenType == JsonTokenType.Number && r.TryGetInt32(out var i) ? i : null, (w, v) => w.WriteNumberValue(v!.Value)),
        [typeof(string)] = new Strict<string>("a string", (ref Utf8JsonReader r) => r.TokenType == JsonTokenType.String ? r.GetString() : null, (w, v) => w.WriteStringValue(v)),
        [typeof(Uri)] = new Strict<Uri>("a URL string", (ref Utf8JsonReader r) => r.TokenType == JsonTokenType.String && Uri.TryCreate(r.GetString(), UriKind.RelativeOrAbsolute, out var u) ? u : null, (w, v) => w.WriteStringValue(v.OriginalString)),
        [typeof(LanguageCode?)] = new Strict<LanguageCode?>("a string", (ref Utf8JsonReader r) => Open(ref r, s => new LanguageCode(s)), (w, v) => w.WriteStringValue(v!.Value.Value)),
        [typeof(LanguageCode)] = new Strict<LanguageCode>("a string", (ref Utf8JsonReader r) => Open(ref r, s => new LanguageCode(s)), (w, v) => w.WriteStringValue(v.Value)),
        [typeof(DocumentType)] = new Strict<DocumentType>("a string", (ref Utf8JsonReader r) => Open(ref r, s => new DocumentType(s)), (w, v) => w.WriteStringValue(v.Value)),
        [typeof(GeneralDocumentType)] = new Strict<GeneralDocumentType>("a string", (ref Utf8JsonReader r) => Open(ref r, s => new GeneralDocumentType(s)), (w, v) => w.WriteStringValue(v.Value)),
        [typeof(FileType)] = new Strict<FileType>("a string", (ref Utf8JsonReader r) => Open(ref r, s => new FileType(s)), (w, v) => w.WriteStringValue(v.Value)),
    };

    /// <summary>Reads a value of the right kind (boxed), or null for any other kind.</summary>
    private delegate object? ReadValue(ref Utf8JsonReader reader);

    public override bool CanConvert(Type typeToConvert) => Converters.ContainsKey(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) => Converters[typeToConvert];

    private static object? Open<T>(ref Utf8JsonReader reader, Func<string, T> create) =>
        reader.TokenType == JsonTokenType.String ? create(reader.GetString()!) : null;

    private sealed class Strict<T> : JsonConverter<T>
    {
        private readonly string _expected;
        private readonly ReadValue _read;
        private readonly Action<Utf8JsonWriter, T> _write;

        public Strict(string expected, ReadValue read, Action<Utf8JsonWriter, T> write)
        {
            _expected = expected;
            _read = read;
            _write = write;
        }

        public override bool HandleNull => true;

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            _read(ref reader) is T value ? value : throw WireReadException.Expected(_expected, reader.TokenType);

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => _write(writer, value);
    }
}

/// <summary>
/// <c>IReadOnlyList&lt;T&gt;</c> properties: read strictly (an array, each item through its own metadata, its index in
/// the path of any problem) into an immutable list with value equality, written as an array. A table, not
/// <c>MakeGenericType</c>, so that trimming and NativeAOT keep every converter.
/// </summary>
internal sealed class ValueListConverterFactory : JsonConverterFactory
{
    private static readonly Dictionary<Type, JsonConverter> Converters = new()
    {
        [typeof(IReadOnlyList<Step>)] = new ValueListConverter<Step>(),
        [typeof(IReadOnlyList<Question>)] = new ValueListConverter<Question>(),
        [typeof(IReadOnlyList<QuestionOption>)] = new ValueListConverter<QuestionOption>(),
        [typeof(IReadOnlyList<string>)] = new ValueListConverter<string>(),
        [typeof(IReadOnlyList<LanguageCode>)] = new ValueListConverter<LanguageCode>(),
        [typeof(IReadOnlyList<DocumentType>)] = new ValueListConverter<DocumentType>(),
        [typeof(IReadOnlyList<GeneralDocumentType>)] = new ValueListConverter<GeneralDocumentType>(),
        [typeof(IReadOnlyList<FileType>)] = new ValueListConverter<FileType>(),
    };

    public override bool CanConvert(Type typeToConvert) => Converters.ContainsKey(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) => Converters[typeToConvert];
}

/// <summary>One list type of <see cref="ValueListConverterFactory"/>.</summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class ValueListConverter<T> : JsonConverter<IReadOnlyList<T>>
{
    private readonly ConverterCache<T> _item = new();

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
                throw WireReadException.Expected("an object", reader.TokenType, WireReadException.Item(items.Count));
            }

            items.Add((T)WireReadException.ReadNested(ref reader, item, items.Count)!);
        }

        return ValueList<T>.From(items)!;
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

/// <summary>
/// A nested wire object (<c>flags</c>, <c>showConditions</c>): an object through its generated metadata, never null
/// or another kind (the built-in object reading would accept null and name a .NET type for a wrong kind). Declared on
/// those properties, not for their types: a converter for the type would also replace the type's own metadata, which
/// it reads through.
/// </summary>
internal sealed class WireObjectConverterFactory : JsonConverterFactory
{
    private static readonly Dictionary<Type, JsonConverter> Converters = new()
    {
        [typeof(SessionFlags)] = new WireObjectConverter<SessionFlags>(),
        [typeof(LanguageFlags)] = new WireObjectConverter<LanguageFlags>(),
        [typeof(IdentityDocumentFlags)] = new WireObjectConverter<IdentityDocumentFlags>(),
        [typeof(LivenessFlags)] = new WireObjectConverter<LivenessFlags>(),
        [typeof(ProofOfAddressFlags)] = new WireObjectConverter<ProofOfAddressFlags>(),
        [typeof(SelfieWithIdFlags)] = new WireObjectConverter<SelfieWithIdFlags>(),
        [typeof(VideoCallFlags)] = new WireObjectConverter<VideoCallFlags>(),
        [typeof(PhoneNumberFlags)] = new WireObjectConverter<PhoneNumberFlags>(),
        [typeof(EmailFlags)] = new WireObjectConverter<EmailFlags>(),
        [typeof(GeolocationFlags)] = new WireObjectConverter<GeolocationFlags>(),
        [typeof(ShowCondition)] = new WireObjectConverter<ShowCondition>(),
    };

    public override bool CanConvert(Type typeToConvert) => Converters.ContainsKey(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) => Converters[typeToConvert];
}

/// <summary>One type of <see cref="WireObjectConverterFactory"/>.</summary>
/// <typeparam name="T">The record.</typeparam>
internal sealed class WireObjectConverter<T> : JsonConverter<T>
    where T : WireObject
{
    public override bool HandleNull => true;

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.StartObject
            ? (T)WireReadException.ReadNested(ref reader, options.GetTypeInfo(typeof(T)))!
            : throw WireReadException.Expected("an object", reader.TokenType);

    private readonly ConverterCache<T> _converter = new();

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        _converter.For(options).Write(writer, value, options);
}
