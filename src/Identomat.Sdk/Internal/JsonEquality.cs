namespace Identomat.Sdk.Internal;

/// <summary>
/// JSON value equality for raw properties: objects as unordered name sets, arrays in order, strings by their text,
/// numbers by value. Written by hand because <c>JsonElement.DeepEquals</c> arrives only with System.Text.Json 9, and
/// the SDK runs on System.Text.Json 8 (the shared framework of .NET 8). Values nested deeper than a reader of the
/// request accepts (built in code, never read by the SDK), and values whose names are not valid text, are compared by
/// their raw text, so that comparing never recurses without bound and never throws.
/// </summary>
internal static class JsonEquality
{
    private const int MaxDepth = 64;

    public static bool Equal(JsonElement left, JsonElement right)
    {
        try
        {
            return Equal(left, right, MaxDepth);
        }
        catch (InvalidOperationException)
        {
            return left.GetRawText() == right.GetRawText();
        }
    }

    private static bool Equal(JsonElement left, JsonElement right, int levels)
    {
        if (levels == 0)
        {
            return left.GetRawText() == right.GetRawText();
        }

        if (left.ValueKind != right.ValueKind)
        {
            return false;
        }

        switch (left.ValueKind)
        {
            case JsonValueKind.Object:
                // Names looked up in an index (the last of a repeated name wins, as in TryGetProperty): linear, whatever
                // the object's size.
                var index = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (var property in right.EnumerateObject())
                {
                    index[property.Name] = property.Value;
                }

                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in left.EnumerateObject())
                {
                    names.Add(property.Name);
                    if (!index.TryGetValue(property.Name, out var other) || !Equal(property.Value, other, levels - 1))
                    {
                        return false;
                    }
                }

                return names.Count == index.Count;
            case JsonValueKind.Array:
                if (left.GetArrayLength() != right.GetArrayLength())
                {
                    return false;
                }

                using (var l = left.EnumerateArray())
                using (var r = right.EnumerateArray())
                {
                    while (l.MoveNext() && r.MoveNext())
                    {
                        if (!Equal(l.Current, r.Current, levels - 1))
                        {
                            return false;
                        }
                    }
                }

                return true;
            case JsonValueKind.String:
                return left.GetRawText() == right.GetRawText() || TextEquals(left, right);
            case JsonValueKind.Number:
                return left.GetRawText() == right.GetRawText()
                    || (left.TryGetDecimal(out var a) && right.TryGetDecimal(out var b) && a == b)
                    || (left.TryGetDouble(out var x) && right.TryGetDouble(out var y) && x.Equals(y));
            default:
                return true;
        }
    }

    private static bool TextEquals(JsonElement left, JsonElement right)
    {
        try
        {
            return left.GetString() == right.GetString();
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
