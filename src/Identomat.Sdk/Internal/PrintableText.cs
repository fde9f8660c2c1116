namespace Identomat.Sdk.Internal;

/// <summary>
/// Text fit to print: what a <c>ToString()</c> or a message shows of a value it did not choose (a server's status, a
/// type name from a flow) loses the characters that forge log lines or reorder text, and is cut to a short length.
/// </summary>
internal static class PrintableText
{
    /// <summary>
    /// A server-chosen value for a <c>ToString()</c>: control, format (bidi) and separator characters replaced by
    /// spaces, at most 64 characters. Never used for secrets or personal data, which are not printed at all.
    /// </summary>
    public static string? Show(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var shown = Printable(value.Length > 64 ? value.Substring(0, 64) : value);
        return value.Length > 64 ? shown + "…" : shown;
    }

    /// <summary>Control, format (bidi overrides, zero-width), separator characters and lone surrogates become spaces.</summary>
    public static string Printable(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (char.IsHighSurrogate(c) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
                continue;
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.Surrogate)
            {
                chars[i] = ' ';
            }
        }

        return new string(chars);
    }

    /// <summary>True when the text holds half of a UTF-16 pair alone: not text, and not encodable as UTF-8.</summary>
    public static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
