using System.Collections;

namespace Identomat.Sdk.Internal;

/// <summary>
/// Extra raw JSON properties of a wire object, kept in the order given and compared by JSON value. It is the
/// serializer's extension data: while a record is read, the serializer adds each unknown property through
/// <see cref="IDictionary{TKey,TValue}"/>; the first read through <see cref="WireObject.AdditionalProperties"/>
/// freezes it, so the public view stays immutable.
/// </summary>
internal sealed class RawProperties : IDictionary<string, JsonElement>, IReadOnlyDictionary<string, JsonElement>, IEquatable<RawProperties>
{
    private readonly List<KeyValuePair<string, JsonElement>> _items = new();

    // The position of each name in _items: a lookup stays constant-time however many properties the JSON's writer chose.
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private bool _frozen;

    public int Count => _items.Count;

    public bool IsReadOnly => _frozen;

    public IEnumerable<string> Keys => _items.Select(p => p.Key);

    public IEnumerable<JsonElement> Values => _items.Select(p => p.Value);

    ICollection<string> IDictionary<string, JsonElement>.Keys => Keys.ToList();

    ICollection<JsonElement> IDictionary<string, JsonElement>.Values => Values.ToList();

    /// <summary>The value of a name; setting one (the serializer, while reading) replaces an earlier value in place.</summary>
    public JsonElement this[string key]
    {
        get => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No raw property '{key}'.");
        set => Set(key, value);
    }

    /// <summary>A frozen copy of the given properties, each value cloned so it outlives its document.</summary>
    public static RawProperties? From(IEnumerable<KeyValuePair<string, JsonElement>>? items)
    {
        if (items is null or RawProperties)
        {
            return ((RawProperties?)items)?.Freeze();
        }

        // A later value for the same name wins and moves to the end.
        var last = new Dictionary<string, int>(StringComparer.Ordinal);
        var list = new List<KeyValuePair<string, JsonElement>>();
        foreach (var item in items)
        {
            if (item.Key is null)
            {
                throw new ArgumentException("A raw property name cannot be null.", nameof(items));
            }

            if (item.Value.ValueKind == JsonValueKind.Undefined)
            {
                throw new ArgumentException($"The raw property '{item.Key}' has no value (a default JsonElement).", nameof(items));
            }

            last[item.Key] = list.Count;
            list.Add(item);
        }

        var properties = new RawProperties();
        for (var i = 0; i < list.Count; i++)
        {
            if (last[list[i].Key] == i)
            {
                properties.Set(list[i].Key, list[i].Value.Clone());
            }
        }

        return properties.Freeze();
    }

    /// <summary>Closes the collection to changes and returns it.</summary>
    public RawProperties Freeze()
    {
        _frozen = true;
        return this;
    }

    public void Add(string key, JsonElement value) => Set(key, value);

    public void Add(KeyValuePair<string, JsonElement> item) => Set(item.Key, item.Value);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool Contains(KeyValuePair<string, JsonElement> item) => TryGetValue(item.Key, out var value) && JsonEquality.Equal(value, item.Value);

    public bool TryGetValue(string key, out JsonElement value)
    {
        if (key is not null && _index.TryGetValue(key, out var at))
        {
            value = _items[at].Value;
            return true;
        }

        value = default;
        return false;
    }

    public void CopyTo(KeyValuePair<string, JsonElement>[] array, int arrayIndex) => _items.CopyTo(array, arrayIndex);

    public bool Remove(string key) => throw Frozen();

    public bool Remove(KeyValuePair<string, JsonElement> item) => throw Frozen();

    public void Clear() => throw Frozen();

    public bool Equals(RawProperties? other)
    {
        if (other is null || other.Count != Count)
        {
            return false;
        }

        for (var i = 0; i < _items.Count; i++)
        {
            if (_items[i].Key != other._items[i].Key || !JsonEquality.Equal(_items[i].Value, other._items[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as RawProperties);

    public override int GetHashCode()
    {
        var hash = _items.Count;
        foreach (var item in _items)
        {
            hash = unchecked((hash * 31) + StringComparer.Ordinal.GetHashCode(item.Key));
        }

        return hash;
    }

    public IEnumerator<KeyValuePair<string, JsonElement>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    private static NotSupportedException Frozen() => new("Raw properties are immutable; set AdditionalProperties on a copy made with 'with'.");

    private void Set(string key, JsonElement value)
    {
        if (_frozen)
        {
            throw Frozen();
        }

        // Only a serializer adds, while reading (and From, before freezing). FromJson refuses a repeated name before
        // reading, but an application's own JsonSerializer does not: a later value replaces the earlier in place. The
        // serializer's values (JsonElement.ParseValue) own their memory.
        if (_index.TryGetValue(key, out var at))
        {
            _items[at] = new(key, value);
            return;
        }

        _index.Add(key, _items.Count);
        _items.Add(new(key, value));
    }
}
