using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Identomat.Sdk.Internal;

/// <summary>
/// Extra raw JSON properties of a wire object, kept in the order given and compared by JSON value. Each value is
/// cloned, so it outlives the document it came from.
/// </summary>
internal sealed class RawProperties : IReadOnlyDictionary<string, JsonElement>, IEquatable<RawProperties>
{
    private readonly KeyValuePair<string, JsonElement>[] _items;

    private RawProperties(KeyValuePair<string, JsonElement>[] items) => _items = items;

    public int Count => _items.Length;

    public IEnumerable<string> Keys => _items.Select(p => p.Key);

    public IEnumerable<JsonElement> Values => _items.Select(p => p.Value);

    public JsonElement this[string key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No raw property '{key}'.");

    public static IReadOnlyDictionary<string, JsonElement>? From(IEnumerable<KeyValuePair<string, JsonElement>>? items)
    {
        if (items is null or RawProperties)
        {
            return (IReadOnlyDictionary<string, JsonElement>?)items;
        }

        // A later value for the same name wins and moves to the end, as before; an index keeps it linear (input size is
        // chosen by whoever wrote the JSON).
        var list = new List<KeyValuePair<string, JsonElement>?>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item.Key is null)
            {
                throw new ArgumentException("A raw property name cannot be null.", nameof(items));
            }

            if (index.TryGetValue(item.Key, out var previous))
            {
                list[previous] = null;
            }

            index[item.Key] = list.Count;
            list.Add(new KeyValuePair<string, JsonElement>(item.Key, item.Value.Clone()));
        }

        return new RawProperties(list.Where(p => p is not null).Select(p => p!.Value).ToArray());
    }

    public bool ContainsKey(string key) => _items.Any(p => p.Key == key);

    public bool TryGetValue(string key, out JsonElement value)
    {
        foreach (var item in _items)
        {
            if (item.Key == key)
            {
                value = item.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    public bool Equals(RawProperties? other)
    {
        if (other is null || other.Count != Count)
        {
            return false;
        }

        for (var i = 0; i < _items.Length; i++)
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
        var hash = _items.Length;
        foreach (var item in _items)
        {
            hash = unchecked((hash * 31) + StringComparer.Ordinal.GetHashCode(item.Key));
        }

        return hash;
    }

    public IEnumerator<KeyValuePair<string, JsonElement>> GetEnumerator() =>
        ((IEnumerable<KeyValuePair<string, JsonElement>>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
}
