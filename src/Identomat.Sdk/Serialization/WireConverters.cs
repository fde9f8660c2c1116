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

/// <summary>
/// A polymorphic element of the wire (a step, a question), chosen by its <c>type</c> discriminator wherever it stands in
/// the object and read through that type's generated metadata; an unknown type is read whole by the fallback type, so
/// it survives a round trip. Hand-written because System.Text.Json 8 polymorphism needs the discriminator first and
/// fails on an unknown one.
/// </summary>
/// <typeparam name="TBase">The element's base record.</typeparam>
internal abstract class DiscriminatedConverter<TBase> : JsonConverter<TBase>
    where TBase : WireObject
{
    private const string Discriminator = "type";

    private readonly Dictionary<string, Type> _known = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, IWriter> _writers = new();
    private readonly Type _unknown;

    private protected DiscriminatedConverter(Type unknown) => _unknown = unknown;

    /// <summary>Declares a type: its discriminator (null for the fallback) and how its generated metadata writes it.</summary>
    private protected void Add<T>(string? discriminator)
        where T : TBase
    {
        if (discriminator is not null)
        {
            _known.Add(discriminator, typeof(T));
        }

        _writers.Add(typeof(T), new Writer<T>());
    }

    public override bool HandleNull => true;

    public override TBase Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw WireReadException.Expected("an object", reader.TokenType);
        }

        var type = FindDiscriminator(reader);
        var target = _known.TryGetValue(type, out var known) ? known : _unknown;
        return (TBase)WireReadException.ReadNested(ref reader, options.GetTypeInfo(target))!;
    }

    public override void Write(Utf8JsonWriter writer, TBase value, JsonSerializerOptions options) =>
        _writers[value.GetType()].Write(writer, value, options);

    private interface IWriter
    {
        void Write(Utf8JsonWriter writer, TBase value, JsonSerializerOptions options);
    }

    // The type's own converter, called directly: a nested JsonSerializer.Serialize would start a new write state and
    // flush the writer for every element.
    private sealed class Writer<T> : IWriter
        where T : TBase
    {
        private readonly ConverterCache<T> _converter = new();

        public void Write(Utf8JsonWriter writer, TBase value, JsonSerializerOptions options) =>
            _converter.For(options).Write(writer, (T)value, options);
    }

    // Looks ahead on a copy of the reader (a struct): the serializer has buffered the whole object before calling a
    // converter, so the copy can skip over values without consuming the original.
    private static string FindDiscriminator(Utf8JsonReader scan)
    {
        while (scan.Read() && scan.TokenType == JsonTokenType.PropertyName)
        {
            var isType = scan.ValueTextEquals(Discriminator);
            if (!scan.Read())
            {
                break;
            }

            if (isType)
            {
                return scan.TokenType == JsonTokenType.String
                    ? scan.GetString()!
                    : throw new WireReadException("required: a string naming the type", "." + Discriminator);
            }

            if (!scan.TrySkip())
            {
                break;
            }
        }

        throw new WireReadException("required: a string naming the type", "." + Discriminator);
    }
}

/// <summary>Steps by their <c>type</c>; unknown types become <see cref="UnknownStep"/>.</summary>
internal sealed class StepConverter : DiscriminatedConverter<Step>
{
    public StepConverter()
        : base(typeof(UnknownStep))
    {
        Add<LanguageStep>(LanguageStep.TypeName);
        Add<IdentityDocumentStep>(IdentityDocumentStep.TypeName);
        Add<LivenessStep>(LivenessStep.TypeName);
        Add<ProofOfAddressStep>(ProofOfAddressStep.TypeName);
        Add<SelfieWithIdStep>(SelfieWithIdStep.TypeName);
        Add<VideoCallStep>(VideoCallStep.TypeName);
        Add<PhoneNumberStep>(PhoneNumberStep.TypeName);
        Add<EmailStep>(EmailStep.TypeName);
        Add<GeolocationStep>(GeolocationStep.TypeName);
        Add<UserQuestionnaireStep>(UserQuestionnaireStep.TypeName);
        Add<OperatorQuestionnaireStep>(OperatorQuestionnaireStep.TypeName);
        Add<UnknownStep>(null);
    }
}

/// <summary>Questions by their <c>type</c>; unknown types become <see cref="UnknownQuestion"/>.</summary>
internal sealed class QuestionConverter : DiscriminatedConverter<Question>
{
    public QuestionConverter()
        : base(typeof(UnknownQuestion))
    {
        Add<StringQuestion>(StringQuestion.TypeName);
        Add<MultipleChoiceQuestion>(MultipleChoiceQuestion.TypeName);
        Add<OptionsQuestion>(OptionsQuestion.TypeName);
        Add<DropdownQuestion>(DropdownQuestion.TypeName);
        Add<FileQuestion>(FileQuestion.TypeName);
        Add<AttachmentQuestion>(AttachmentQuestion.TypeName);
        Add<UnknownQuestion>(null);
    }
}

/// <summary>
/// Localized text: an object of language code to string, or a bare string for plain text. Reading accepts both
/// everywhere; validation decides where plain text is allowed.
/// </summary>
internal sealed class LocalizedTextConverter : JsonConverter<LocalizedText>
{
    public override bool HandleNull => true;

    public override LocalizedText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return LocalizedText.Plain(reader.GetString()!);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw WireReadException.Expected("an object of language codes to text", reader.TokenType);
        }

        var entries = new List<KeyValuePair<string, string>>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var language = reader.GetString()!;
            reader.Read();
            entries.Add(reader.TokenType == JsonTokenType.String
                ? new(language, reader.GetString()!)
                : throw WireReadException.Expected("a string", reader.TokenType, WireReadException.Member(language)));
        }

        return new LocalizedText(entries);
    }

    public override void Write(Utf8JsonWriter writer, LocalizedText value, JsonSerializerOptions options)
    {
        if (value.PlainText is not null)
        {
            writer.WriteStringValue(value.PlainText);
            return;
        }

        writer.WriteStartObject();
        for (var i = 0; i < value.Count; i++)
        {
            var entry = value.At(i);
            writer.WriteString(entry.Key, entry.Value);
        }

        writer.WriteEndObject();
    }
}

/// <summary>Dates of the request: ISO 8601 in UTC with milliseconds and <c>Z</c>, whatever offset the value had.</summary>
internal sealed class UtcTimeConverter : JsonConverter<DateTimeOffset?>
{
    // ISO 8601 only (a date, or a date and time with optional seconds, fraction and offset; no offset is UTC): the
    // culture-dependent forms TryParse also accepts ("01/02/2024" is January or February) are refused.
    private static readonly string[] Iso8601 =
    {
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd",
    };

    public override bool HandleNull => true;

    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The value as the wire carries it: in UTC, to the millisecond (what validation compares).</summary>
    public static DateTimeOffset OnTheWire(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            && DateTimeOffset.TryParseExact(reader.GetString(), Iso8601, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw WireReadException.Expected("an ISO 8601 date and time", reader.TokenType);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Format(value!.Value));
}

/// <summary>
/// The converter a set of options uses for <typeparamref name="T"/>, remembered for the last options seen: the wire
/// converters are shared, and looking the converter up in the options for every element of every list showed in the
/// flow benchmark.
/// </summary>
/// <typeparam name="T">The converted type.</typeparam>
internal sealed class ConverterCache<T>
{
    private Entry? _last;

    public JsonConverter<T> For(JsonSerializerOptions options)
    {
        var last = _last;
        if (last is not null && ReferenceEquals(last.Options, options))
        {
            return last.Converter;
        }

        var converter = WireJson.ConverterOf<T>(options);
        _last = new Entry(options, converter);
        return converter;
    }

    private sealed class Entry(JsonSerializerOptions options, JsonConverter<T> converter)
    {
        public JsonSerializerOptions Options { get; } = options;

        public JsonConverter<T> Converter { get; } = converter;
    }
}
