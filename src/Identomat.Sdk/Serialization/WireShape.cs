using System.Text.Json;

namespace Identomat.Sdk.Serialization;

/// <summary>The shape of a wire object, seen without its type: what validation and the writer need.</summary>
internal interface IWireShape
{
    /// <summary>Writes the typed properties that are set, in declaration order.</summary>
    void WriteProperties(Utf8JsonWriter writer, WireObject value);

    /// <summary>The wire names the typed properties that are set will write.</summary>
    IEnumerable<string> WrittenNames(WireObject value);

    /// <summary>Every typed property: its wire name and value type, in order (for the published JSON Schema).</summary>
    IEnumerable<(string Name, Type ValueType)> Fields { get; }
}

/// <summary>
/// The one declaration of a wire object's typed properties: each property's wire name, codec, getter and
/// <c>with</c>-setter. Writing, reading and the raw-property conflict check are all driven from it, so a wire name
/// is spelled once.
/// </summary>
/// <typeparam name="T">The record.</typeparam>
internal sealed class WireShape<T> : IWireShape
    where T : WireObject
{
    private readonly Func<T> _create;
    private readonly List<Field> _fields = new();
    private readonly Dictionary<string, Field> _byName = new(StringComparer.Ordinal);

    public WireShape(Func<T> create) => _create = create;

    public WireShape<T> Add<TValue>(string name, WireCodec<TValue> codec, Func<T, TValue> get, Func<T, TValue, T> set)
    {
        var field = new Field<TValue>(name, codec, get, set);
        _fields.Add(field);
        _byName.Add(name, field);
        return this;
    }

    public WireShape<T> Bool(string name, Func<T, bool?> get, Func<T, bool?, T> set) => Add(name, WireCodecs.Bool, get, set);

    public WireShape<T> String(string name, Func<T, string?> get, Func<T, string?, T> set) => Add(name, WireCodecs.String, get, set);

    public void WriteProperties(Utf8JsonWriter writer, WireObject value)
    {
        var typed = (T)value;
        foreach (var field in _fields)
        {
            field.Write(writer, typed);
        }
    }

    public IEnumerable<(string Name, Type ValueType)> Fields => _fields.Select(f => (f.Name, f.ValueType));

    public IEnumerable<string> WrittenNames(WireObject value) =>
        _fields.Where(f => f.IsSet((T)value)).Select(f => f.Name);

    /// <summary>A codec for properties holding this object.</summary>
    public WireCodec<T?> Codec() => new ObjectCodec(this);

    /// <summary>Reads an object: known names into typed properties, every other property kept raw, in order.</summary>
    public T? Read(JsonElement element, ReadContext context, string path) => Read(_create(), element, context, path);

    public T? Read(T seed, JsonElement element, ReadContext context, string path)
    {
        if (!context.IsObject(element, path))
        {
            return null;
        }

        var value = seed;
        List<KeyValuePair<string, JsonElement>>? raw = null;
        foreach (var property in element.EnumerateObject())
        {
            if (_byName.TryGetValue(property.Name, out var field))
            {
                value = field.Read(value, property.Value, context, ReadContext.Child(path, property.Name));
            }
            else
            {
                (raw ??= new()).Add(new KeyValuePair<string, JsonElement>(property.Name, property.Value));
            }
        }

        return raw is null ? value : (T)((WireObject)value with { AdditionalProperties = Internal.RawProperties.From(raw) });
    }

    private abstract class Field
    {
        protected Field(string name) => Name = name;

        public string Name { get; }

        public abstract Type ValueType { get; }

        public abstract bool IsSet(T value);

        public abstract void Write(Utf8JsonWriter writer, T value);

        public abstract T Read(T target, JsonElement element, ReadContext context, string path);
    }

    private sealed class Field<TValue> : Field
    {
        private readonly JsonEncodedText _encodedName;
        private readonly WireCodec<TValue> _codec;
        private readonly Func<T, TValue> _get;
        private readonly Func<T, TValue, T> _set;

        public Field(string name, WireCodec<TValue> codec, Func<T, TValue> get, Func<T, TValue, T> set)
            : base(name)
        {
            _encodedName = JsonEncodedText.Encode(name);
            _codec = codec;
            _get = get;
            _set = set;
        }

        public override Type ValueType => typeof(TValue);

        public override bool IsSet(T value) => _get(value) is not null;

        public override void Write(Utf8JsonWriter writer, T value)
        {
            var item = _get(value);
            if (item is not null)
            {
                writer.WritePropertyName(_encodedName);
                _codec.Write(writer, item);
            }
        }

        public override T Read(T target, JsonElement element, ReadContext context, string path)
        {
            var errors = context.Errors.Count;
            var item = _codec.Read(element, context, path);
            return context.Errors.Count == errors && item is not null ? _set(target, item) : target;
        }
    }

    private sealed class ObjectCodec : WireCodec<T?>
    {
        private readonly WireShape<T> _shape;

        public ObjectCodec(WireShape<T> shape) => _shape = shape;

        public override void Write(Utf8JsonWriter writer, T? value) => value!.WriteJson(writer);

        public override T? Read(JsonElement element, ReadContext context, string path) => _shape.Read(element, context, path);
    }
}
