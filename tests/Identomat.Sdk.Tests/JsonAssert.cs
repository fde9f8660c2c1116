using System.Text.Json;
using System.Text.Json.Nodes;

namespace Identomat.Sdk.Tests;

/// <summary>Structural JSON comparison that reports the path of the first difference.</summary>
public static class JsonAssert
{
    public static void AreEquivalent(string expected, string actual)
    {
        var difference = FirstDifference(JsonNode.Parse(expected), JsonNode.Parse(actual), "$");
        if (difference is not null)
        {
            Assert.Fail($"JSON differs at {difference}\nexpected: {expected}\nactual:   {actual}");
        }
    }

    private static string? FirstDifference(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected, actual)
        {
            case (null, null):
                return null;
            case (JsonObject e, JsonObject a):
                foreach (var (name, value) in e)
                {
                    if (!a.ContainsKey(name))
                    {
                        return $"{path}.{name} (missing)";
                    }

                    if (FirstDifference(value, a[name], $"{path}.{name}") is { } inner)
                    {
                        return inner;
                    }
                }

                return a.Select(p => p.Key).FirstOrDefault(k => !e.ContainsKey(k)) is { } extra ? $"{path}.{extra} (unexpected)" : null;
            case (JsonArray e, JsonArray a):
                if (e.Count != a.Count)
                {
                    return $"{path} (length {e.Count} expected, {a.Count} found)";
                }

                for (var i = 0; i < e.Count; i++)
                {
                    if (FirstDifference(e[i], a[i], $"{path}[{i}]") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case (JsonValue e, JsonValue a):
                return JsonNode.DeepEquals(e, a) && e.GetValueKind() == a.GetValueKind() ? null : $"{path} ({e.ToJsonString()} expected, {a.ToJsonString()} found)";
            default:
                return $"{path} (kind {expected?.GetValueKind()} expected, {actual?.GetValueKind()} found)";
        }
    }
}
