namespace Identomat.Sdk.Serialization;

/// <summary>
/// The types of one polymorphic element of the wire (steps, questions): each type's discriminator, read from an
/// instance of it, and how it is written through its generated metadata; and the fallback type that keeps any other.
/// A step type's flags record joins the nested objects that <see cref="WireObjectJsonConverterFactory"/> reads strictly.
/// </summary>
/// <typeparam name="TBase">The element's base record.</typeparam>
internal sealed class WireTypeTable<TBase>
    where TBase : WireObject
{
    private const string Discriminator = "type";

    private readonly Dictionary<string, Type> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, IWriter> _writers = new();
    private readonly Func<TBase, string> _discriminator;
    private readonly Type _unknown;

    private WireTypeTable(Type unknown, Func<TBase, string> discriminator)
    {
        _unknown = unknown;
        _discriminator = discriminator;
    }

    /// <summary>A table whose fallback type keeps every element of a type it does not know.</summary>
    /// <param name="discriminator">Reads an element's <c>type</c>.</param>
    public static WireTypeTable<TBase> WithFallback<TUnknown>(Func<TBase, string> discriminator)
        where TUnknown : TBase
    {
        var table = new WireTypeTable<TBase>(typeof(TUnknown), discriminator);
        table._writers.Add(typeof(TUnknown), new Writer<TUnknown>());
        return table;
    }

    /// <summary>The discriminators of the known types, in the order they were declared.</summary>
    public IReadOnlyList<string> Names => _byName.Keys.ToList();

    /// <summary>The known types, in the order they were declared.</summary>
    public IEnumerable<Type> Types => _byName.Values;

    /// <summary>Declares a known type whose parameterless instance carries its discriminator.</summary>
    public WireTypeTable<TBase> Add<T>()
        where T : TBase, new()
    {
        _byName.Add(_discriminator(new T()), typeof(T));
        _writers.Add(typeof(T), new Writer<T>());
        return this;
    }

    /// <summary>Declares a step type with its flags record, which is then read strictly wherever it stands.</summary>
    public WireTypeTable<TBase> Add<T, TFlags>()
        where T : TBase, new()
        where TFlags : WireObject
    {
        WireObjectJsonConverterFactory.Add<TFlags>();
        return Add<T>();
    }

    /// <summary>The type a discriminator reads into (through its metadata in the serializer's options): a known type, or the fallback.</summary>
    public Type Find(string discriminator) => _byName.TryGetValue(discriminator, out var known) ? known : _unknown;


    /// <summary>
    /// Reads an element chosen by its <c>type</c> discriminator wherever it stands in the object, through that type's
    /// metadata; an unknown type is read whole by the fallback type, so it survives a round trip. Hand-written because
    /// System.Text.Json 8 polymorphism needs the discriminator first and fails on an unknown one.
    /// </summary>
    public TBase Read(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw WireReadException.Expected("an object", reader.TokenType);
        }

        var target = Find(FindDiscriminator(reader));
        return (TBase)WireReadException.ReadNested(ref reader, options.GetTypeInfo(target))!;
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

    public void Write(Utf8JsonWriter writer, TBase value, JsonSerializerOptions options) => _writers[value.GetType()].Write(writer, value, options);

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
}
