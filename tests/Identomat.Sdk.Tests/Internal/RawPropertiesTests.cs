using System.Net;
using System.Text;
using System.Text.Json;
using Identomat.Sdk;
using Identomat.Sdk.Internal;
using Identomat.Sdk.Serialization;
using Identomat.Sdk.Testing;
using Identomat.Sdk.Tests.Boundaries;
using Identomat.Sdk.Tests.Serialization;

namespace Identomat.Sdk.Tests.Internal;

/// <summary>Raw properties of a wire object: compared by value, ordered, immutable once read, the last of a repeated name kept once.</summary>
public class RawPropertiesTests
{
    // Read by an application's own JsonSerializer, a repeated unknown name was kept twice.
    [Test]
    public void A_repeated_unknown_name_read_by_an_applications_serializer_keeps_the_last_value_once()
    {
        var small = JsonSerializer.Deserialize<Dictionary<string, SessionRequest>>("""{"r":{"x":1,"y":0,"x":2}}""")!["r"];
        Assert.That(small.ToJson(), Is.EqualTo("""{"x":2,"y":0}"""));

        var large = new StringBuilder("{\"r\":{");
        for (var i = 0; i < 20; i++)
        {
            large.Append("\"p").Append(i).Append("\":").Append(i).Append(',');
        }

        var read = JsonSerializer.Deserialize<Dictionary<string, SessionRequest>>(large.Append("\"p3\":33}}").ToString())!["r"];
        Assert.That((read.AdditionalProperties!.Count, read.AdditionalProperties["p3"].GetInt32()), Is.EqualTo((20, 33)));
        Assert.DoesNotThrow(() => SessionRequest.FromJson(read.ToJson()));
    }

    // An undefined raw value threw InvalidOperationException; argumentError null read as the text "null".
    [Test]
    public void An_undefined_raw_value_is_an_argument_error() =>
        Assert.Throws<ArgumentException>(() => _ = new SessionRequest { AdditionalProperties = new Dictionary<string, JsonElement> { ["x"] = default } });

    private static SessionRequest Raw(params (string Name, int Value)[] properties) => new()
    {
        AdditionalProperties = properties.ToDictionary(p => p.Name, p => JsonSerializer.SerializeToElement(p.Value)),
    };

    [Test]
    public void Raw_properties_compare_by_count_name_and_value()
    {
        var one = Raw(("a", 1));
        Assert.That(Raw(("a", 1)), Is.EqualTo(one));
        Assert.That(Raw(("a", 1)), Is.Not.EqualTo(Raw(("a", 1), ("b", 2))), "a different count");
        Assert.That(Raw(("a", 1), ("b", 2)), Is.Not.EqualTo(Raw(("a", 1))), "a different count, the other way");
        Assert.That(Raw(("a", 1)), Is.Not.EqualTo(Raw(("b", 1))), "the same value under another name");
        Assert.That(Raw(("a", 1)), Is.Not.EqualTo(Raw(("a", 2))), "another value under the same name");
        Assert.That(Raw(("a", 1)), Is.Not.EqualTo(new SessionRequest()), "none at all");
    }

    [Test]
    public void Raw_properties_answer_lookups_and_refuse_changes_with_a_reason()
    {
        var raw = SessionRequest.FromJson("""{"a":1}""").AdditionalProperties!;
        var dictionary = (IDictionary<string, JsonElement>)raw;
        Assert.That(dictionary.Contains(new KeyValuePair<string, JsonElement>("a", JsonSerializer.SerializeToElement(1))), Is.True);
        Assert.That(dictionary.Contains(new KeyValuePair<string, JsonElement>("a", JsonSerializer.SerializeToElement(2))), Is.False);
        Assert.That(dictionary.Contains(new KeyValuePair<string, JsonElement>("b", JsonSerializer.SerializeToElement(1))), Is.False);
        Assert.That(Assert.Throws<KeyNotFoundException>(() => _ = raw["b"])!.Message, Does.Contain("'b'"));
        Assert.That(Assert.Throws<NotSupportedException>(() => dictionary.Remove("a"))!.Message, Does.Contain("immutable"));
        Assert.That(dictionary.IsReadOnly, Is.True);
    }

    [Test]
    public void Raw_properties_refuse_a_null_name_and_an_undefined_value_naming_them()
    {
        var nullName = new[] { new KeyValuePair<string, JsonElement>(null!, JsonSerializer.SerializeToElement(1)) };
        Assert.That(Assert.Throws<ArgumentException>(() => _ = new SessionRequest { AdditionalProperties = new ListDictionary(nullName) })!.Message, Does.Contain("name cannot be null"));
        Assert.That(Assert.Throws<ArgumentException>(() => _ = new SessionRequest { AdditionalProperties = new Dictionary<string, JsonElement> { ["x"] = default } })!.Message, Does.Contain("'x'"));
    }

    [Test]
    public void Raw_properties_given_twice_keep_the_last_value_at_the_end()
    {
        var pairs = new ListDictionary(new[]
        {
            new KeyValuePair<string, JsonElement>("a", JsonSerializer.SerializeToElement(1)),
            new KeyValuePair<string, JsonElement>("b", JsonSerializer.SerializeToElement(2)),
            new KeyValuePair<string, JsonElement>("a", JsonSerializer.SerializeToElement(3)),
        });
        Assert.That(new SessionRequest { AdditionalProperties = pairs }.ToJson(), Is.EqualTo("""{"b":2,"a":3}"""));
    }

    [Test]
    public void A_repeated_name_after_the_index_is_built_replaces_its_value_once()
    {
        // The index is built when the ninth name arrives; a name first seen after that must be found in it too.
        var json = new StringBuilder("{\"r\":{");
        for (var i = 0; i < 12; i++)
        {
            json.Append("\"p").Append(i).Append("\":").Append(i).Append(',');
        }

        var read = JsonSerializer.Deserialize<Dictionary<string, SessionRequest>>(json.Append("\"p11\":111}}").ToString())!["r"];
        Assert.That((read.AdditionalProperties!.Count, read.AdditionalProperties["p11"].GetInt32()), Is.EqualTo((12, 111)));
    }

    /// <summary>A list of pairs that allows a null name, which a dictionary cannot hold.</summary>
    private sealed class ListDictionary(IEnumerable<KeyValuePair<string, JsonElement>> items) : IReadOnlyDictionary<string, JsonElement>
    {
        private readonly List<KeyValuePair<string, JsonElement>> _items = items.ToList();

        public int Count => _items.Count;

        public IEnumerable<string> Keys => _items.Select(i => i.Key);

        public IEnumerable<JsonElement> Values => _items.Select(i => i.Value);

        public JsonElement this[string key] => throw new KeyNotFoundException();

        public bool ContainsKey(string key) => false;

        public bool TryGetValue(string key, out JsonElement value)
        {
            value = default;
            return false;
        }

        public IEnumerator<KeyValuePair<string, JsonElement>> GetEnumerator() => _items.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
