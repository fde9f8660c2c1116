using System.Globalization;
using System.Text;

namespace Identomat.Sdk.Validation;

/// <summary>
/// The JSON path of the node being validated, kept as a stack of segments and turned into text only when an error is
/// reported, so a valid request costs no string building.
/// </summary>
internal sealed class PathBuilder
{
    private readonly List<(string? Name, int Index)> _segments = new(16);

    public void Push(string name) => _segments.Add((name, -1));

    public void Push(int index) => _segments.Add((null, index));

    public void Pop() => _segments.RemoveAt(_segments.Count - 1);

    /// <summary>How many segments the path has.</summary>
    public int Depth => _segments.Count;

    /// <summary>The current path, with an optional last property name.</summary>
    public string Format(string? child = null) => Format(_segments.Count, child);

    /// <summary>The path of the first <paramref name="count"/> segments, with an optional last property name.</summary>
    public string Format(int count, string? child = null)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            Append(text, _segments[i].Name, _segments[i].Index);
        }

        if (child is not null)
        {
            Append(text, child, -1);
        }

        return text.Length == 0 ? "$" : text.ToString();
    }

    private static void Append(StringBuilder text, string? name, int index)
    {
        if (name is null)
        {
            text.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
        }
        else
        {
            text.Append(text.Length == 0 ? string.Empty : ".").Append(name);
        }
    }
}
