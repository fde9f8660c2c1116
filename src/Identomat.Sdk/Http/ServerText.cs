using System.Globalization;
using System.Text;

namespace Identomat.Sdk.Http;

/// <summary>
/// Makes text that a server chose safe to show in an exception: secrets removed in every form an echo can take,
/// characters that forge log lines or reorder text replaced, and the length capped after redaction (so a secret
/// that straddles the cut cannot survive in part). Written by hand: no library redacts JSON-escaped echoes.
/// </summary>
internal static class ServerText
{
    public const int ExcerptChars = 512;

    private const string Mask = "***";

    /// <summary>
    /// An excerpt of an error body: decoded as UTF-8, JSON <c>\uXXXX</c> and <c>\/</c> escapes resolved (so an escaped
    /// echo of a key is seen), every secret masked in its raw and percent-encoded forms, control, format (bidi) and
    /// separator characters replaced by spaces, then cut to <see cref="ExcerptChars"/> characters. Null for no body.
    /// </summary>
    public static string? Excerpt(byte[]? body, IEnumerable<string?> secrets)
    {
        if (body is not { Length: > 0 })
        {
            return null;
        }

        var secretList = secrets.Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToList();

        // Read enough to hold the excerpt even if every secret inside it was written with six-byte escapes.
        var window = (ExcerptChars * 4) + (secretList.Count == 0 ? 0 : secretList.Max(s => s.Length) * 6 * 4);
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, window));
        text = Redact(Unescape(text), secretList);
        text = Printable(text);
        if (text.Length > ExcerptChars)
        {
            var cut = char.IsHighSurrogate(text[ExcerptChars - 1]) ? ExcerptChars - 1 : ExcerptChars;
            text = text.Substring(0, cut) + "…";
        }

        return text;
    }

    /// <summary>
    /// A short server-chosen token (an error code, a media type) when it is made of <paramref name="allowed"/>
    /// characters only, at most 64 long and holds no secret; otherwise null.
    /// </summary>
    public static string? Token(string? value, Func<char, bool> allowed, IEnumerable<string?> secrets)
    {
        if (value is not { Length: > 0 and <= 64 } || !value.All(allowed))
        {
            return null;
        }

        foreach (var secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret) && (value.Contains(secret!) || secret!.Contains(value)))
            {
                return null;
            }
        }

        return value;
    }

    private static string Redact(string text, List<string> secrets)
    {
        // Longest first, so a secret that contains another is masked whole.
        foreach (var secret in secrets.OrderByDescending(s => s.Length))
        {
            text = text.Replace(secret, Mask);
            var encoded = Uri.EscapeDataString(secret);
            if (encoded != secret)
            {
                text = ReplaceIgnoringCase(text, encoded, Mask);
            }
        }

        return text;
    }

    private static string ReplaceIgnoringCase(string text, string value, string replacement)
    {
        var builder = new StringBuilder(text.Length);
        var start = 0;
        int found;
        while ((found = text.IndexOf(value, start, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            builder.Append(text, start, found - start).Append(replacement);
            start = found + value.Length;
        }

        return builder.Append(text, start, text.Length - start).ToString();
    }

    /// <summary>Resolves <c>\uXXXX</c> and <c>\/</c> escapes; other escapes stay as written.</summary>
    private static string Unescape(string text)
    {
        if (text.IndexOf('\\') < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                var next = text[i + 1];
                if (next == 'u' && i + 5 < text.Length && TryHex(text, i + 2, out var code))
                {
                    builder.Append((char)code);
                    i += 5;
                    continue;
                }

                if (next == '/')
                {
                    builder.Append('/');
                    i++;
                    continue;
                }

                builder.Append(c).Append(next);
                i++;
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static bool TryHex(string text, int start, out int code)
    {
        code = 0;
        for (var i = start; i < start + 4; i++)
        {
            var digit = text[i] switch
            {
                >= '0' and <= '9' => text[i] - '0',
                >= 'a' and <= 'f' => text[i] - 'a' + 10,
                >= 'A' and <= 'F' => text[i] - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                return false;
            }

            code = (code * 16) + digit;
        }

        return true;
    }

    /// <summary>Control, format (bidi overrides, zero-width), separator characters and lone surrogates become spaces.</summary>
    private static string Printable(string text)
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
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate)
            {
                chars[i] = ' ';
            }
        }

        return new string(chars);
    }
}
