namespace Identomat.Sdk.Internal;

/// <summary>
/// A JSON path as the SDK reports it, in reading, validation and errors alike: <c>steps[0].flags</c>, a name that is
/// not a plain word in brackets (<c>title['a.b']</c>), <c>$</c> for the root. Kept as a stack of segments and turned
/// into text only for a problem, so a valid request costs no string building.
/// </summary>
internal sealed class JsonPath
{
    /// <summary>The path of the root.</summary>
    public const string Root = "$";

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
            text.Append(_segments[i].Name is { } name ? Member(name) : Item(_segments[i].Index));
        }

        return FromRoot(child is null ? text.ToString() : text.Append(Member(child)).ToString());
    }

    /// <summary>The step of a property name: <c>.en</c>, or <c>['a.b']</c> for a name that is not a plain word.</summary>
    public static string Member(string name) =>
        name.Length > 0 && name.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '-')
            ? "." + name
            : "['" + Escape(name) + "']";

    /// <summary>The step of a list item: <c>[2]</c>.</summary>
    public static string Item(int index) => "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>A path of steps (<c>.steps[0].key</c>) as reported: without its leading dot, <c>$</c> when empty.</summary>
    public static string FromRoot(string steps) =>
        steps.Length == 0 ? Root : steps[0] == '.' ? steps.Substring(1) : steps;

    // Inside brackets a quote and a backslash are escaped, and so is any character a log or a terminal would act on
    // (controls, line and paragraph separators, a lone half of a surrogate pair): a path quotes the input's names.
    private static string Escape(string name)
    {
        var text = new StringBuilder(name.Length + 2);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var paired = char.IsHighSurrogate(c) ? i + 1 < name.Length && char.IsLowSurrogate(name[i + 1])
                : char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(name[i - 1]);
            _ = c switch
            {
                '\'' or '\\' => text.Append('\\').Append(c),
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' || (char.IsSurrogate(c) && !paired) =>
                    text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)),
                _ => text.Append(c),
            };
        }

        return text.ToString();
    }
}
